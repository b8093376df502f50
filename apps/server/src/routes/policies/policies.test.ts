import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";

describe("env policies", () => {
  let server: RunningServer;
  let w: World;
  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
  });
  afterAll(async () => server?.stop());

  const allOn = {
    prod_disallow_scale_to_zero: true,
    prod_force_alerts: true,
    prod_no_playground_logging: true,
    viewers_cannot_view_logs: true,
  };

  it("a Prod project starts with every restriction on and in force", async () => {
    const admin = w.users.tenantAdmin!.client;
    const project = await admin.post(`/tenants/${w.tenantId}/projects`, {
      name: unique("Prod"),
      env: "prod",
    });
    const res = await admin.get(`/projects/${project.body.data.id}/policies`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      ...allOn,
      env: "prod",
      effective: {
        scale_to_zero_allowed: false,
        alerts_forced: true,
        playground_logging_allowed: false,
        viewers_can_view_logs: false,
      },
    });
  });

  it("round-trips a change, audits it, and applies prod_* only while the env is prod", async () => {
    const owner = w.users.owner!.client;
    const path = `/projects/${w.projectId}/policies`;
    const before = await w.users.viewer!.client.get(path);
    expect(before.body.data).toMatchObject({ ...allOn, env: "dev" });
    // Stored for a Dev project, but nothing is in force there.
    expect(before.body.data.effective).toEqual({
      scale_to_zero_allowed: true,
      alerts_forced: false,
      playground_logging_allowed: true,
      viewers_can_view_logs: true,
    });
    const change = { ...allOn, prod_disallow_scale_to_zero: false, viewers_cannot_view_logs: false };
    const put = await owner.put(path, change);
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject(change);
    expect((await owner.get(path)).body.data).toMatchObject(change);
    await owner.patch(`/projects/${w.projectId}`, { env: "prod" });
    const prod = await owner.get(path);
    expect(prod.body.data.effective).toEqual({
      scale_to_zero_allowed: true,
      alerts_forced: true,
      playground_logging_allowed: false,
      viewers_can_view_logs: true,
    });
    await owner.patch(`/projects/${w.projectId}`, { env: "dev" });
    const events = await owner.get(`/projects/${w.projectId}/audit-events?action=project.policy.update`);
    expect(events.body.data[0]).toMatchObject({
      before: { prod_disallow_scale_to_zero: true, viewers_cannot_view_logs: true },
      after: { prod_disallow_scale_to_zero: false, viewers_cannot_view_logs: false },
    });
  });

  it("needs every switch, and an Owner or Tenant Admin", async () => {
    const path = `/projects/${w.projectId}/policies`;
    const partial = await w.users.owner!.client.put(path, { prod_force_alerts: false });
    expect(partial.status).toBe(400);
    expect(partial.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "prod_disallow_scale_to_zero",
      "prod_no_playground_logging",
      "viewers_cannot_view_logs",
    ]);
    expect((await w.users.developer!.client.put(path, allOn)).status).toBe(403);
    expect((await w.users.tenantAdmin!.client.put(path, allOn)).status).toBe(200);
    expect((await w.users.member!.client.get(path)).status).toBe(404);
    expect((await w.users.finance!.client.get(path)).status).toBe(200);
  });
});
