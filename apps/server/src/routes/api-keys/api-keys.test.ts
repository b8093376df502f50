import { createHash } from "node:crypto";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("API keys: the secret shown once and kept as a digest, limits, filters, rotate and revoke", () => {
  let server: RunningServer;
  let w: World;
  let developer: HttpClient;
  let viewer: HttpClient;

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
    developer = w.users.developer!.client;
    viewer = w.users.viewer!.client;
  });
  afterAll(async () => server?.stop());

  const create = async (body: Record<string, unknown>) => {
    const res = await developer.post(`/projects/${w.projectId}/api-keys`, body);
    expect(res.status, res.text).toBe(201);
    return res.body.data as {
      id: string;
      name: string;
      secret: string;
      prefix: string;
      [k: string]: unknown;
    };
  };
  const rowOf = async (id: string) => {
    const [row] = await server.database.db.select().from(tables.apiKeys).where(eq(tables.apiKeys.id, id));
    return row!;
  };

  it("answers the secret once; stores only its sha256; reads, lists and audits never carry it", async () => {
    const key = await create({ name: "ci-bot", rpm_limit: 120, note: "for the nightly evals" });
    expect(key.secret).toMatch(/^ifr_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    expect(key.prefix).toHaveLength(12);
    expect(key).toMatchObject({
      scopes: ["inference:invoke"],
      rpm_limit: 120,
      daily_token_limit: null,
      expires_at: null,
      status: "active",
      last_used_at: null,
    });
    expect(key.id).toMatch(/^key_[0-9a-z]{26}$/);

    const row = await rowOf(key.id);
    expect(row.secretDigest).toBe(sha256(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret.slice(12));

    const read = await viewer.get(`/api-keys/${key.id}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.data.secret).toBeUndefined();
    expect(read.text).not.toContain(key.secret);
    const list = await viewer.get(`/projects/${w.projectId}/api-keys`);
    expect(list.text).not.toContain(key.secret);
    expect(list.text).not.toContain(row.secretDigest);
    const audit = await w.users.tenantAdmin!.client.get(`/projects/${w.projectId}/audit-events?limit=200`);
    expect(audit.status, audit.text).toBe(200);
    expect(audit.text).toContain(key.id);
    expect(audit.text).not.toContain(key.secret);
    expect(audit.text).not.toContain(row.secretDigest);
  });

  it("lets Viewers read but not create, change, rotate or revoke", async () => {
    const key = await create({ name: "viewer-sees-me" });
    expect((await viewer.post(`/projects/${w.projectId}/api-keys`, { name: "nope" })).status).toBe(403);
    expect((await viewer.patch(`/api-keys/${key.id}`, { rpm_limit: 1 })).status).toBe(403);
    expect((await viewer.post(`/api-keys/${key.id}/rotate`, {})).status).toBe(403);
    expect((await viewer.post(`/api-keys/${key.id}/revoke`, { confirm_name: key.name })).status).toBe(403);
    expect((await viewer.get(`/api-keys/${key.id}`)).status).toBe(200);
  });

  it("refuses bad input: empty scopes, unknown scope, zero limits, past expiry, a long name", async () => {
    const url = `/projects/${w.projectId}/api-keys`;
    for (const body of [
      { name: "a", scopes: [] },
      { name: "a", scopes: ["admin:all"] },
      { name: "a", rpm_limit: 0 },
      { name: "a", daily_token_limit: -5 },
      { name: "a", expires_at: "2001-01-01T00:00:00Z" },
      { name: "x".repeat(65) },
      { name: "a", secret: "ifr_mine" },
    ]) {
      const res = await developer.post(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
    }
  });

  it("changes scopes and limits, and sets them back to no limit with null", async () => {
    const key = await create({ name: "editable", rpm_limit: 10, daily_token_limit: 5000 });
    const res = await developer.patch(`/api-keys/${key.id}`, {
      scopes: ["inference:invoke", "logs:read", "logs:read"],
      rpm_limit: null,
      note: "now unlimited",
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({
      scopes: ["inference:invoke", "logs:read"],
      rpm_limit: null,
      daily_token_limit: 5000,
      note: "now unlimited",
    });
  });

  it("revokes only with the key's name typed, once; a revoked key cannot be changed or rotated", async () => {
    const key = await create({ name: "to-revoke" });
    const wrong = await developer.post(`/api-keys/${key.id}/revoke`, { confirm_name: "to-revok" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("validation_error");
    expect((await developer.post(`/api-keys/${key.id}/revoke`, {})).status).toBe(400);
    const ok = await developer.post(`/api-keys/${key.id}/revoke`, { confirm_name: "to-revoke" });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.data.status).toBe("revoked");
    expect(ok.body.data.revoked_at).toBeTruthy();
    const again = await developer.post(`/api-keys/${key.id}/revoke`, { confirm_name: "to-revoke" });
    expect(again.status).toBe(409);
    expect((await developer.patch(`/api-keys/${key.id}`, { rpm_limit: 5 })).status).toBe(409);
    expect((await developer.post(`/api-keys/${key.id}/rotate`, {})).status).toBe(409);
  });

  it("rotates into a new key with the same settings: the old one revoked at once, or kept with keep_old", async () => {
    const key = await create({ name: "rotating", scopes: ["metrics:read"], daily_token_limit: 777 });
    const rotated = await developer.post(`/api-keys/${key.id}/rotate`, {});
    expect(rotated.status, rotated.text).toBe(201);
    const next = rotated.body.data;
    expect(next.id).not.toBe(key.id);
    expect(next.secret).toMatch(/^ifr_/);
    expect(next.secret).not.toBe(key.secret);
    expect(next).toMatchObject({
      name: "rotating",
      scopes: ["metrics:read"],
      daily_token_limit: 777,
      rotated_from_id: key.id,
      status: "active",
    });
    expect((await developer.get(`/api-keys/${key.id}`)).body.data.status).toBe("revoked");
    expect((await rowOf(next.id)).secretDigest).toBe(sha256(next.secret));

    const kept = await developer.post(`/api-keys/${next.id}/rotate`, { keep_old: true });
    expect(kept.status, kept.text).toBe(201);
    expect((await developer.get(`/api-keys/${next.id}`)).body.data.status).toBe("active");
    expect((await developer.get(`/api-keys/${kept.body.data.id}`)).body.data.status).toBe("active");
  });

  it("rotates an expired key only into a new expiry: its past one is refused with the field named", async () => {
    const key = await create({ name: "lapsed", expires_at: new Date(Date.now() + 86_400_000).toISOString() });
    // Expired behind the API's back (the API refuses a past expiry).
    await server.database.db
      .update(tables.apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tables.apiKeys.id, key.id));
    const copied = await developer.post(`/api-keys/${key.id}/rotate`, {});
    expect(copied.status, copied.text).toBe(400);
    expect(copied.body.error.code).toBe("validation_error");
    expect(copied.body.error.details.field).toBe("expires_at");
    expect(copied.body.error.message).toContain("expired at");
    const past = await developer.post(`/api-keys/${key.id}/rotate`, {
      expires_at: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.status, past.text).toBe(400);
    // Nothing was created by the refusals; the old key is untouched.
    expect((await rowOf(key.id)).revokedAt).toBeNull();

    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const renewed = await developer.post(`/api-keys/${key.id}/rotate`, { expires_at: later });
    expect(renewed.status, renewed.text).toBe(201);
    expect(renewed.body.data).toMatchObject({ status: "active", expires_at: later, rotated_from_id: key.id });
    const never = await developer.post(`/api-keys/${renewed.body.data.id}/rotate`, { expires_at: null });
    expect(never.status, never.text).toBe(201);
    expect(never.body.data.expires_at).toBeNull();
  });

  it("lists with filters (status, scope, expiring within 7 days) and pages with a cursor", async () => {
    const other = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `Keys ${w.tag}`,
      env: "dev",
      owner_id: w.users.owner!.id,
      members: [{ user_id: w.users.developer!.id, role: "developer" }],
    });
    expect(other.status, other.text).toBe(201);
    const p = other.body.data.id as string;
    const make = async (body: Record<string, unknown>) => {
      const res = await developer.post(`/projects/${p}/api-keys`, body);
      expect(res.status, res.text).toBe(201);
      return res.body.data;
    };
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const a = await make({ name: "soon", expires_at: soon });
    const b = await make({ name: "later", expires_at: later, scopes: ["logs:read"] });
    const c = await make({ name: "gone" });
    const d = await make({ name: "never" });
    await developer.post(`/api-keys/${c.id}/revoke`, { confirm_name: "gone" });
    // Expired: moved into the past behind the API's back (the API refuses a past expiry).
    await server.database.db
      .update(tables.apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tables.apiKeys.id, d.id));

    const ids = async (query: string) => {
      const res = await developer.get(`/projects/${p}/api-keys${query}`);
      expect(res.status, res.text).toBe(200);
      return (res.body.data as { id: string }[]).map((k) => k.id);
    };
    expect(await ids("?status=active")).toEqual([b.id, a.id]);
    expect(await ids("?status=revoked")).toEqual([c.id]);
    expect(await ids("?status=expired")).toEqual([d.id]);
    expect((await developer.get(`/api-keys/${d.id}`)).body.data.status).toBe("expired");
    expect(await ids("?scope=logs:read")).toEqual([b.id]);
    expect(await ids("?expiring=true")).toEqual([a.id]);
    expect(await ids("?q=lat")).toEqual([b.id]);
    const first = await developer.get(`/projects/${p}/api-keys?limit=3`);
    expect(first.body.data).toHaveLength(3);
    const second = await developer.get(
      `/projects/${p}/api-keys?limit=3&cursor=${encodeURIComponent(first.body.next_cursor)}`,
    );
    expect(second.body.data.map((k: { id: string }) => k.id)).toEqual([a.id]);
    expect(second.body.next_cursor).toBeNull();
    expect((await developer.get(`/projects/${p}/api-keys?status=lost`)).status).toBe(400);
    // The first project's keys are not in this one's list.
    expect(await ids("")).not.toContain((await create({ name: "elsewhere" })).id);
  });
  it("holds its project: deleting it lists the working keys, and --cascade removes them", async () => {
    const created = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: `Doomed ${w.tag}`,
      env: "dev",
      owner_id: w.users.owner!.id,
    });
    expect(created.status, created.text).toBe(201);
    const p = created.body.data;
    const owner = w.users.owner!.client;
    const key = await owner.post(`/projects/${p.id}/api-keys`, { name: "in-use" });
    expect(key.status, key.text).toBe(201);
    const admin = w.users.tenantAdmin!.client;
    const refused = await admin.delete(`/projects/${p.id}`, { confirm_name: p.name });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.details.dependants).toContainEqual(
      expect.objectContaining({ type: "api_key", id: key.body.data.id, name: "in-use" }),
    );
    const gone = await admin.delete(`/projects/${p.id}`, { confirm_name: p.name, cascade: true });
    expect(gone.status, gone.text).toBe(204);
    const [row] = await server.database.db
      .select()
      .from(tables.apiKeys)
      .where(eq(tables.apiKeys.id, key.body.data.id));
    expect(row).toBeUndefined();
  });
});
