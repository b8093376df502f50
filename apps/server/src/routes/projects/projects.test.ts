import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";

describe("projects", () => {
  let server: RunningServer;
  let w: World;
  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  it("validates names, env and description with messages a form can show", async () => {
    const admin = w.users.tenantAdmin!.client;
    const res = await admin.post(`/tenants/${w.tenantId}/projects`, {
      name: "x",
      env: "staging",
      description: "d".repeat(201),
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(["description", "env", "name"]);
    expect(res.body.error.details.fields.find((f: { path: string }) => f.path === "name").message).toMatch(
      /at least 2/,
    );
  });

  it("keeps names unique in a tenant, ignoring case", async () => {
    const admin = w.users.tenantAdmin!.client;
    const name = `Unique ${unique()}`;
    expect((await admin.post(`/tenants/${w.tenantId}/projects`, { name, env: "dev" })).status).toBe(201);
    const dup = await admin.post(`/tenants/${w.tenantId}/projects`, {
      name: name.toUpperCase(),
      env: "test",
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain("already exists");
  });

  it("shows members only their own projects, admins and finance all of them", async () => {
    const all = await w.users.tenantAdmin!.client.get(`/tenants/${w.tenantId}/projects?limit=200`);
    const finance = await w.users.finance!.client.get(`/tenants/${w.tenantId}/projects?limit=200`);
    const dev = await w.users.developer!.client.get(`/tenants/${w.tenantId}/projects?limit=200`);
    const member = await w.users.member!.client.get(`/tenants/${w.tenantId}/projects?limit=200`);
    expect(finance.body.data.length).toBe(all.body.data.length);
    expect(dev.body.data.map((p: { id: string }) => p.id)).toEqual([w.projectId]);
    expect(dev.body.data[0].role).toBe("developer");
    expect(dev.body.data[0]).toMatchObject({
      owner_id: w.users.owner!.id,
      owner_email: w.users.owner!.email,
    });
    expect(member.body.data).toEqual([]);
  });

  it("pages with a cursor in the requested order, without gaps or repeats, and filters", async () => {
    const admin = w.users.tenantAdmin!.client;
    const prefix = unique("pg");
    for (let i = 0; i < 7; i++) {
      await admin.post(`/tenants/${w.tenantId}/projects`, {
        name: `${prefix}-${String(i).padStart(2, "0")}`,
        env: i % 2 ? "prod" : "dev",
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `q=${prefix}&sort=name&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await admin.get(`/tenants/${w.tenantId}/projects?${qs}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((p: { name: string }) => p.name));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...Array(7)].map((_, i) => `${prefix}-${String(i).padStart(2, "0")}`));
    const prod = await admin.get(`/tenants/${w.tenantId}/projects?q=${prefix}&env=prod`);
    expect(prod.body.data.every((p: { env: string }) => p.env === "prod")).toBe(true);
    expect(prod.body.data).toHaveLength(3);
    const bad = await admin.get(`/tenants/${w.tenantId}/projects?sort=secret`);
    expect(bad.status).toBe(400);
    // A cursor whose value is not a time (forged, or from another sort) is a 400, not a database error.
    const forged = Buffer.from(JSON.stringify(["not a time", "proj_x"])).toString("base64url");
    const wrong = await admin.get(`/tenants/${w.tenantId}/projects?sort=-created_at&cursor=${forged}`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/cursor is not valid/);
  });

  it("exports the current filter as CSV", async () => {
    const res = await fetch(`${server.url}/api/v1/tenants/${w.tenantId}/projects?format=csv&env=dev`, {
      headers: { authorization: `Bearer ${w.users.tenantAdmin!.client.token}` },
    });
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toContain("name");
    expect(lines.length).toBeGreaterThan(1);
  });

  it("lets the owner rename; a developer is refused with the reason", async () => {
    const renamed = await w.users.owner!.client.patch(`/projects/${w.projectId}`, {
      description: "ranker experiments",
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data.description).toBe("ranker experiments");
    const refused = await w.users.developer!.client.patch(`/projects/${w.projectId}`, {
      description: "nope",
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/requires project role Owner/);
  });

  it("deletes only when the typed name matches", async () => {
    const admin = w.users.tenantAdmin!.client;
    const name = `Doomed ${unique()}`;
    const p = await admin.post(`/tenants/${w.tenantId}/projects`, { name, env: "test" });
    const wrong = await admin.delete(`/projects/${p.body.data.id}`, { confirm_name: name.toLowerCase() });
    expect(wrong.status).toBe(400);
    expect((await admin.delete(`/projects/${p.body.data.id}`, { confirm_name: name })).status).toBe(204);
    expect((await admin.get(`/projects/${p.body.data.id}`)).status).toBe(404);
    const events = await admin.get(
      `/tenants/${w.tenantId}/audit-events?resource_id=${p.body.data.id}&action=project.delete`,
    );
    expect(events.body.data[0].before.name).toBe(name);
  });

  it("tells the console what the caller may do, with reasons", async () => {
    const viewer = await w.users.viewer!.client.get(`/auth/permissions?project_id=${w.projectId}`);
    expect(viewer.status).toBe(200);
    expect(viewer.body.data.actions["project.read"]).toEqual({ allowed: true });
    expect(viewer.body.data.actions["project.member.add"].allowed).toBe(false);
    expect(viewer.body.data.actions["project.member.add"].reason).toMatch(/Owner/);
    const owner = await w.users.owner!.client.get(`/auth/permissions?project_id=${w.projectId}`);
    expect(owner.body.data.actions["project.member.add"]).toEqual({ allowed: true });
    // A member outside the project learns nothing about it.
    expect((await w.users.member!.client.get(`/auth/permissions?project_id=${w.projectId}`)).status).toBe(
      404,
    );
  });
});
