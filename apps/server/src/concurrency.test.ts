import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "./security/world.js";
import type { HttpClient } from "./testing/http.js";

describe("concurrency", () => {
  let world: World;
  let admin: HttpClient;
  beforeAll(async () => {
    world = await createWorld();
    admin = await world.clientFor("tenant_admin");
  });
  afterAll(async () => world?.stop());

  it("two requests demoting the last two owners at once leave exactly one owner (5 rounds)", async () => {
    for (let round = 0; round < 5; round++) {
      const project = await world.a.freshProject();
      const second = await world.a.freshUser("member", { projectId: project.id, role: "owner" });
      const owners = [world.a.users.owner.id, second.id];
      const results = await Promise.all(
        owners.map((userId) =>
          admin.patch(`/projects/${project.id}/members/${userId}`, { role: "developer" }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, results.map((r) => r.text).join("\n")).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe("conflict");
      const members = await admin.get(`/projects/${project.id}/members?role=owner`);
      expect(members.body.data).toHaveLength(1);
    }
  });

  it("two removals of the last two owners at once leave exactly one owner", async () => {
    for (let round = 0; round < 3; round++) {
      const project = await world.a.freshProject();
      const second = await world.a.freshUser("member", { projectId: project.id, role: "owner" });
      const results = await Promise.all(
        [world.a.users.owner.id, second.id].map((userId) =>
          admin.delete(`/projects/${project.id}/members/${userId}`),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      const members = await admin.get(`/projects/${project.id}/members?role=owner`);
      expect(members.body.data).toHaveLength(1);
    }
  });

  it("two creates of one project name at once (differing in case) → one 201, one 409 (5 rounds)", async () => {
    for (let round = 0; round < 5; round++) {
      const name = world.a.unique("Race Project");
      const results = await Promise.all(
        [name, name.toUpperCase()].map((n) =>
          admin.post(`/tenants/${world.a.tenantId}/projects`, { name: n, env: "dev" }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, results.map((r) => r.text).join("\n")).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe("conflict");
      const listed = await admin.get(
        `/tenants/${world.a.tenantId}/projects?q=${encodeURIComponent(name.toLowerCase())}`,
      );
      expect(listed.body.data).toHaveLength(1);
    }
  });
});
