import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";

describe("project members", () => {
  let server: RunningServer;
  let w: World;
  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  it("adds a tenant user by email, refuses a duplicate and a stranger", async () => {
    const owner = w.users.owner!.client;
    const added = await owner.post(`/projects/${w.projectId}/members`, {
      email: w.users.member!.email,
      role: "viewer",
      note: "reads dashboards",
    });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({
      user_id: w.users.member!.id,
      role: "viewer",
      note: "reads dashboards",
    });
    expect(
      (await owner.post(`/projects/${w.projectId}/members`, { email: w.users.member!.email, role: "viewer" }))
        .status,
    ).toBe(409);
    const stranger = await owner.post(`/projects/${w.projectId}/members`, {
      email: "nobody@example.test",
      role: "viewer",
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toMatch(/invite them first/);
    expect((await owner.delete(`/projects/${w.projectId}/members/${w.users.member!.id}`)).status).toBe(204);
  });

  it("never leaves a project without an Owner", async () => {
    const owner = w.users.owner!.client;
    const demote = await owner.patch(`/projects/${w.projectId}/members/${w.users.owner!.id}`, {
      role: "developer",
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/at least one Owner/);
    const remove = await owner.delete(`/projects/${w.projectId}/members/${w.users.owner!.id}`);
    expect(remove.status).toBe(409);
    // With a second owner, the first may step down.
    expect(
      (await owner.patch(`/projects/${w.projectId}/members/${w.users.developer!.id}`, { role: "owner" }))
        .status,
    ).toBe(200);
    const stepDown = await owner.patch(`/projects/${w.projectId}/members/${w.users.owner!.id}`, {
      role: "developer",
    });
    expect(stepDown.status).toBe(200);
    const events = await w.users.tenantAdmin!.client.get(
      `/projects/${w.projectId}/audit-events?action=project.member.update`,
    );
    expect(events.body.data[0]).toMatchObject({ before: { role: "owner" }, after: { role: "developer" } });
    // Restore for other tests.
    await w.users.developer!.client.patch(`/projects/${w.projectId}/members/${w.users.owner!.id}`, {
      role: "owner",
    });
    await w.users.owner!.client.patch(`/projects/${w.projectId}/members/${w.users.developer!.id}`, {
      role: "developer",
    });
  });

  it("lists members with search and pagination", async () => {
    const list = await w.users.viewer!.client.get(`/projects/${w.projectId}/members?limit=2`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    const next = await w.users.viewer!.client.get(
      `/projects/${w.projectId}/members?limit=2&cursor=${list.body.next_cursor}`,
    );
    expect(next.body.data).toHaveLength(1);
    const found = await w.users.viewer!.client.get(`/projects/${w.projectId}/members?q=developer`);
    expect(found.body.data.map((m: { user_id: string }) => m.user_id)).toEqual([w.users.developer!.id]);
  });
});
