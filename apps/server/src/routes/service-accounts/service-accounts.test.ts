import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { httpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";

describe("service accounts", () => {
  let server: RunningServer;
  let w: World;
  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  const owner = () => w.users.owner!.client;
  const base = () => `/projects/${w.projectId}/service-accounts`;
  const bearer = (token: string) => httpClient(server.url, { token });
  async function createAccount(body: Record<string, unknown> = {}) {
    const res = await owner().post(base(), { name: unique("robot"), ...body });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; name: string; role: string };
  }
  async function issue(id: string, body: Record<string, unknown> = {}) {
    const res = await owner().post(`${base()}/${id}/tokens`, body);
    expect(res.status).toBe(201);
    return res.body.data as { id: string; token: string; prefix: string; revoked_token_ids: string[] };
  }

  it("creates an account with a role; its token works as a bearer and is shown only once", async () => {
    const sa = await createAccount({ role: "viewer", note: "ci <pipeline>" });
    expect(sa).toMatchObject({ role: "viewer", status: "active", active_tokens: 0, note: "ci <pipeline>" });
    const issued = await issue(sa.id);
    expect(issued.token).toMatch(/^inf_sa_/);
    expect(issued.token.startsWith(issued.prefix)).toBe(true);
    const me = await bearer(issued.token).get("/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.data.service_account).toMatchObject({
      id: sa.id,
      role: "viewer",
      project_id: w.projectId,
    });
    // Acting as a viewer of its project only.
    expect((await bearer(issued.token).get(`/projects/${w.projectId}`)).status).toBe(200);
    expect((await bearer(issued.token).post(base(), { name: unique("x") })).status).toBe(403);
    // Never returned again: not by the list, not in the audit log.
    const list = await owner().get(`${base()}?limit=200`);
    expect(list.text).not.toContain(issued.token);
    const listed = list.body.data.find((a: { id: string }) => a.id === sa.id);
    expect(listed.active_tokens).toBe(1);
    expect(listed.last_used_at).not.toBeNull();
    const events = await w.users.tenantAdmin!.client.get(
      `/projects/${w.projectId}/audit-events?resource_id=${sa.id}`,
    );
    expect(events.body.data.map((e: { action: string }) => e.action).sort()).toEqual([
      "project.service_account.create",
      "project.service_account.token.issue",
    ]);
    expect(events.text).not.toContain(issued.token);
  });

  it("rotating with revoke_existing makes the old token answer 401", async () => {
    const sa = await createAccount();
    const first = await issue(sa.id);
    const second = await issue(sa.id);
    expect((await bearer(first.token).get("/auth/me")).status).toBe(200);
    const rotated = await issue(sa.id, { revoke_existing: true });
    expect(rotated.revoked_token_ids.sort()).toEqual([first.id, second.id].sort());
    expect((await bearer(first.token).get("/auth/me")).status).toBe(401);
    expect((await bearer(second.token).get("/auth/me")).status).toBe(401);
    expect((await bearer(rotated.token).get("/auth/me")).status).toBe(200);
    const listed = (await owner().get(`${base()}?q=${sa.id}`)).body.data[0];
    expect(listed.active_tokens).toBe(1);
  });

  it("a disabled account's tokens answer 401 until it is enabled again", async () => {
    const sa = await createAccount();
    const { token } = await issue(sa.id);
    const disabled = await owner().patch(`${base()}/${sa.id}`, { status: "disabled" });
    expect(disabled.status).toBe(200);
    expect(disabled.body.data.status).toBe("disabled");
    expect((await bearer(token).get("/auth/me")).status).toBe(401);
    const noToken = await owner().post(`${base()}/${sa.id}/tokens`, {});
    expect(noToken.status).toBe(409);
    expect(noToken.body.error.message).toMatch(/disabled/);
    expect(
      (await owner().get(`${base()}?status=disabled`)).body.data.map((a: { id: string }) => a.id),
    ).toContain(sa.id);
    await owner().patch(`${base()}/${sa.id}`, { status: "active" });
    expect((await bearer(token).get("/auth/me")).status).toBe(200);
  });

  it("edits name, role and note; refuses a duplicate name and invalid input", async () => {
    const sa = await createAccount();
    const taken = await createAccount();
    const updated = await owner().patch(`${base()}/${sa.id}`, {
      role: "owner",
      note: "deploys",
      name: "Deployer",
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ role: "owner", note: "deploys", name: "Deployer" });
    const dup = await owner().patch(`${base()}/${sa.id}`, { name: taken.name.toUpperCase() });
    expect(dup.status).toBe(409);
    expect((await owner().post(base(), { name: taken.name })).status).toBe(409);
    const bad = await owner().post(base(), { name: "x", role: "admin", extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "",
      "name",
      "role",
    ]);
    const badToken = await owner().post(`${base()}/${sa.id}/tokens`, { revoke_existing: "yes" });
    expect(badToken.status).toBe(400);
  });

  it("only Owners and Tenant Admins manage them; developers may list; others' projects are 404", async () => {
    expect((await w.users.developer!.client.get(base())).status).toBe(200);
    expect((await w.users.developer!.client.post(base(), { name: unique("d") })).status).toBe(403);
    expect((await w.users.viewer!.client.get(base())).status).toBe(403);
    expect((await w.users.tenantAdmin!.client.post(base(), { name: unique("a") })).status).toBe(201);
    expect((await w.users.member!.client.get(base())).status).toBe(404);
  });

  it("deleting an account stops its tokens; a project holding accounts lists them before deletion", async () => {
    const sa = await createAccount();
    const { token } = await issue(sa.id);
    expect((await owner().delete(`${base()}/${sa.id}`)).status).toBe(204);
    expect((await bearer(token).get("/auth/me")).status).toBe(401);
    expect((await owner().delete(`${base()}/${sa.id}`)).status).toBe(404);

    const project = await w.users.tenantAdmin!.client.post(`/tenants/${w.tenantId}/projects`, {
      name: unique("Holder"),
      env: "dev",
    });
    const pid = project.body.data.id;
    const held = await w.users.tenantAdmin!.client.post(`/projects/${pid}/service-accounts`, {
      name: "Keeper",
    });
    const blocked = await w.users.tenantAdmin!.client.delete(`/projects/${pid}`, {
      confirm_name: project.body.data.name,
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("resource_in_use");
    expect(blocked.body.error.details.dependants).toEqual([
      expect.objectContaining({
        type: "service_account",
        id: held.body.data.id,
        name: "Keeper",
        project_id: pid,
      }),
    ]);
    const cascade = await w.users.tenantAdmin!.client.delete(`/projects/${pid}`, {
      confirm_name: project.body.data.name,
      cascade: true,
    });
    expect(cascade.status).toBe(204);
  });

  it("lists sorted by name with pagination", async () => {
    const page1 = await owner().get(`${base()}?sort=name&limit=2`);
    const page2 = await owner().get(`${base()}?sort=name&limit=2&cursor=${page1.body.next_cursor}`);
    const names = [...page1.body.data, ...page2.body.data].map((a: { name: string }) => a.name.toLowerCase());
    expect(names).toHaveLength(4);
    expect(names).toEqual([...names].sort());
  });
});
