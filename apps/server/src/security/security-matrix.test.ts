import { permissionMatrix } from "@infera/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteEntry, routeRegistry } from "../http/define-route.js";
import { describeResponse, expectedFor, paramsOf, routeKey, send, targetOf } from "./expectations.js";
import { fixtureModules, routeFixtures } from "./fixtures/index.js";
import { createWorld, type PrincipalName, principals, type World } from "./world.js";

// Importing the world imports the app, which registers every route.
const routes: RouteEntry[] = [...routeRegistry].sort((x, y) => routeKey(x).localeCompare(routeKey(y)));

describe("security matrix: every route has a fixture and a rule", () => {
  it("knows some routes", () => {
    expect(routes.length).toBeGreaterThan(10);
  });
  it.each(routes.map((r) => [routeKey(r), r] as const))("%s has a fixture and a matrix rule", (_, route) => {
    expect(
      routeFixtures[routeKey(route)],
      `add a fixture for "${routeKey(route)}" (see README.md)`,
    ).toBeDefined();
    if (route.action !== "public")
      expect(permissionMatrix[route.action], `no permission matrix rule for ${route.action}`).toBeDefined();
  });
  it("has no fixture for a route that does not exist, and no key twice", () => {
    const keys = Object.values(fixtureModules).flatMap((m) => Object.keys(m));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const registered = new Set(routes.map(routeKey));
    expect(keys.filter((k) => !registered.has(k))).toEqual([]);
  });
});

describe("security matrix: every route × principal gets what the permission matrix decides", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world?.stop());

  for (const route of routes) {
    const fixture = routeFixtures[routeKey(route)];
    if (!fixture) continue;
    describe(routeKey(route), () => {
      it.each(principals.map((p) => [p]))("as %s", async (who: PrincipalName) => {
        const req = await fixture.setup(world.a);
        const target = targetOf(route, req);
        const client = fixture.endsSession
          ? await world.freshClientFor(who, target)
          : await world.clientFor(who, target);
        const expected = expectedFor(world, route, fixture, who, target);
        const res = await send(client, route, req);
        const why = `${who} ${route.method} ${req.path} (${expected.decision?.reason ?? "allowed"}): got ${describeResponse(res)}`;
        expect(res.status, why).toBe(expected.status);
        if (expected.code) expect(res.body?.error?.code, why).toBe(expected.code);
        expect(res.headers.get("x-request-id")).toBeTruthy();
      });
    });
  }

  // Public routes (an invitation's token) are reached by their secret, not by a tenant's ids; the
  // platform's own resources (resource classes) belong to no tenant.
  const withIds = routes.filter(
    (r) =>
      r.action !== "public" &&
      permissionMatrix[r.action]?.scope !== "platform" &&
      /\{\w+\}/.test(r.path) &&
      routeFixtures[routeKey(r)],
  );
  it.each(withIds.map((r) => [routeKey(r), r] as const))(
    "%s with another tenant's ids answers 404 to a Tenant Admin",
    async (_, route) => {
      const fixture = routeFixtures[routeKey(route)]!;
      const req = await fixture.setup(world.b);
      expect(paramsOf(route.path, req.path)).not.toBeNull();
      const client = await world.clientFor("tenant_admin");
      const res = await send(client, route, req);
      expect(res.status, describeResponse(res)).toBe(404);
      expect(res.body.error.code).toBe("not_found");
      // ...and the same call in its own tenant works, so the 404 is about the tenant, not the input.
      const own = await send(world.b.admin, route, await fixture.setup(world.b));
      expect(own.status, describeResponse(own)).toBe(fixture.success);
    },
  );

  it("GET /auth/permissions with another tenant's project or tenant answers 404", async () => {
    const admin = await world.clientFor("tenant_admin");
    const own = await admin.get(`/auth/permissions?project_id=${world.a.projectId}`);
    expect(own.status).toBe(200);
    expect(own.body.data.actions["project.delete"].allowed).toBe(true);
    expect((await admin.get(`/auth/permissions?project_id=${world.b.projectId}`)).status).toBe(404);
    expect((await admin.get(`/auth/permissions?tenant_id=${world.b.tenantId}`)).status).toBe(404);
    const member = await world.clientFor("member");
    expect((await member.get(`/auth/permissions?project_id=${world.a.projectId}`)).status).toBe(404);
  });
});
