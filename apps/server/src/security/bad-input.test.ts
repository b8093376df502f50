import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteEntry, routeRegistry } from "../http/define-route.js";
import { type HttpClient, httpClient, loginAs, type TestResponse } from "../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../testing/test-server.js";
import { describeResponse, paramsOf, routeKey, send } from "./expectations.js";
import { routeFixtures } from "./fixtures/index.js";
import { createWorld, type World } from "./world.js";

const MAX_BODY = 2048;
const routes: RouteEntry[] = [...routeRegistry]
  .filter((r) => routeFixtures[routeKey(r)])
  .sort((x, y) => routeKey(x).localeCompare(routeKey(y)));
const writes = routes.filter((r) => r.method !== "GET");
const withIds = routes.filter((r) => /\{\w+\}/.test(r.path));

/** Every error answers the envelope, with the request id of the X-Request-Id header. */
function expectError(res: TestResponse, status: number, code: string) {
  const why = describeResponse(res);
  expect(res.status, why).toBe(status);
  expect(res.headers.get("content-type"), why).toMatch(/^application\/json/);
  expect(res.body?.error?.code, why).toBe(code);
  expect(typeof res.body.error.message, why).toBe("string");
  expect(res.body.error.request_id, why).toBe(res.headers.get("x-request-id"));
}

function wrongTypeFor(value: unknown): unknown {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "not a number";
  if (typeof value === "boolean") return "yes";
  return 42;
}

describe("bad input on every route", () => {
  let world: World;
  let admin: HttpClient;
  beforeAll(async () => {
    world = await createWorld({ INFERA_MAX_BODY_BYTES: String(MAX_BODY) });
    admin = world.platform;
  });
  afterAll(async () => world?.stop());

  const bodied = async (route: RouteEntry) => {
    const req = await routeFixtures[routeKey(route)]!.setup(world.a);
    return req.body !== undefined && typeof req.body === "object" && req.body !== null ? req : null;
  };

  it.for(writes.map((r) => [routeKey(r), r] as const))(
    "%s: malformed JSON → 400",
    async ([_, route], ctx) => {
      const req = await bodied(route);
      if (!req) return ctx.skip();
      const res = await admin.request(route.method, req.path, '{"name": "unterminated', {
        "content-type": "application/json",
      });
      expectError(res, 400, "validation_error");
    },
  );

  it.for(writes.map((r) => [routeKey(r), r] as const))(
    "%s: a wrong type in any field → 400 naming the field",
    async ([_, route], ctx) => {
      const req = await bodied(route);
      if (!req) return ctx.skip();
      for (const key of Object.keys(req.body as object)) {
        const fresh = (await bodied(route))!;
        const body = { ...(fresh.body as Record<string, unknown>) };
        body[key] = wrongTypeFor(body[key]);
        const res = await send(admin, route, { ...fresh, body });
        expectError(res, 400, "validation_error");
        const paths = (res.body.error.details?.fields ?? []).map((f: { path: string }) => f.path);
        expect(paths, `${key}: ${describeResponse(res)}`).toContain(key);
      }
    },
  );

  it.for(writes.map((r) => [routeKey(r), r] as const))(
    "%s: an unknown field → 400",
    async ([_, route], ctx) => {
      const req = await bodied(route);
      if (!req) return ctx.skip();
      const res = await send(admin, route, {
        ...req,
        body: { ...(req.body as object), surprise_field: "x" },
      });
      expectError(res, 400, "validation_error");
      expect(JSON.stringify(res.body.error.details ?? res.body.error.message)).toContain("surprise_field");
    },
  );

  it.each(writes.map((r) => [routeKey(r), r] as const))(
    "%s: a body over INFERA_MAX_BODY_BYTES → 413",
    async (_, route) => {
      const req = await routeFixtures[routeKey(route)]!.setup(world.a);
      const base = req.body && typeof req.body === "object" ? (req.body as object) : {};
      const res = await send(admin, route, { ...req, body: { ...base, padding: "x".repeat(MAX_BODY * 2) } });
      expectError(res, 413, "payload_too_large");
    },
  );

  const badIds = [
    "does-not-exist",
    "proj_00000000000000000000000000",
    "' OR '1'='1",
    "x\u0000y",
    "😀",
    "..%2F",
  ];
  it.each(withIds.map((r) => [routeKey(r), r] as const))(
    "%s: ids of the wrong format → 404",
    async (_, route) => {
      const fixture = routeFixtures[routeKey(route)]!;
      const req = await fixture.setup(world.a);
      const params = paramsOf(route.path, req.path)!;
      for (const name of Object.keys(params)) {
        if (fixture.pathCreates?.includes(name)) continue;
        for (const bad of badIds) {
          const path = route.path
            .split("/")
            .map((seg, i) =>
              seg === `{${name}}`
                ? encodeURIComponent(bad)
                : seg.startsWith("{")
                  ? req.path.split("/")[i]
                  : seg,
            )
            .join("/");
          const res = await send(admin, route, { ...req, path });
          expect(res.status, `${name}=${JSON.stringify(bad)}: ${describeResponse(res)}`).toBe(404);
          expectError(res, 404, "not_found");
        }
      }
    },
  );

  it("stores HTML, SQL, shell metacharacters, unicode and emoji verbatim and returns them as JSON", async () => {
    const nasty = [
      `<script>alert("x")</script>`,
      `'; DROP TABLE projects; --`,
      "$(rm -rf /) `id` | cat /etc/passwd && echo ${HOME}",
      "Ünïcödé 漢字 עברית 🚀👩‍💻",
      `\\" \\\\ %s %n {{7*7}} \${7*7}`,
    ];
    const tenantAdmin = await world.clientFor("tenant_admin");
    for (const text of nasty) {
      const name = `${text.slice(0, 40)} ${world.a.unique("n")}`;
      const created = await tenantAdmin.post(`/tenants/${world.a.tenantId}/projects`, {
        name,
        env: "test",
        description: text,
      });
      expect(created.status, describeResponse(created)).toBe(201);
      expect(created.headers.get("content-type")).toMatch(/^application\/json/);
      const got = await tenantAdmin.get(`/projects/${created.body.data.id}`);
      expect(got.headers.get("content-type")).toMatch(/^application\/json/);
      expect(got.body.data.name).toBe(name.trim());
      expect(got.body.data.description).toBe(text);
      const listed = await tenantAdmin.get(
        `/tenants/${world.a.tenantId}/projects?q=${encodeURIComponent(created.body.data.id)}`,
      );
      expect(listed.body.data.map((p: { description: string }) => p.description)).toEqual([text]);
      const note = await tenantAdmin.post(`/projects/${created.body.data.id}/members`, {
        user_id: world.a.users.member.id,
        role: "viewer",
        note: text,
      });
      expect(note.status, describeResponse(note)).toBe(201);
      expect(note.body.data.note).toBe(text);
    }
  });

  it("refuses NUL characters in a body or a query with 400, not 500", async () => {
    const tenantAdmin = await world.clientFor("tenant_admin");
    const body = await tenantAdmin.patch(`/projects/${world.a.projectId}`, { description: "a\u0000b" });
    expectError(body, 400, "validation_error");
    const query = await tenantAdmin.get(`/tenants/${world.a.tenantId}/projects?q=a%00b`);
    expectError(query, 400, "validation_error");
    const audit = await tenantAdmin.get(`/tenants/${world.a.tenantId}/audit-events?action=a%00b`);
    expectError(audit, 400, "validation_error");
    const perms = await tenantAdmin.get("/auth/permissions?project_id=a%00b");
    expect([400, 404]).toContain(perms.status);
    expect(perms.body.error.request_id).toBe(perms.headers.get("x-request-id"));
  });

  it("refuses NUL, unpaired surrogates and bidirectional controls in names and free text", async () => {
    const bad = ["a\u0000b", "a\ud800b", "invoice\u202Efdp.exe", "a\u2066b"];
    // Each request is valid as the fixture builds it; only the one field changes.
    const cases: [string, string][] = [
      ["PUT /models/{modelId}/tags/{tag}", "reason"],
      ["PATCH /models/{modelId}", "description"],
      ["PATCH /projects/{projectId}", "name"],
      ["PATCH /projects/{projectId}", "description"],
      ["POST /tenants/{tenantId}/projects", "description"],
    ];
    for (const [key, field] of cases) {
      const route = routes.find((r) => routeKey(r) === key)!;
      for (const text of bad) {
        const req = await routeFixtures[key]!.setup(world.a);
        const res = await send(admin, route, { ...req, body: { ...(req.body as object), [field]: text } });
        const why = `${key} ${field}=${JSON.stringify(text)}`;
        expectError(res, 400, "validation_error");
        const fields = res.body.error.details?.fields ?? [];
        expect(
          fields.map((f: { path: string }) => f.path),
          why,
        ).toContain(field);
      }
      const req = await routeFixtures[key]!.setup(world.a);
      const fine = `${field} שלום\u200F ok`;
      const ok = await send(admin, route, { ...req, body: { ...(req.body as object), [field]: fine } });
      expect(ok.status, describeResponse(ok)).toBe(routeFixtures[key]!.success);
    }
  });

  it("answers JSON, not HTML, for unknown paths carrying markup", async () => {
    const res = await httpClient(world.server.url).get(
      `/${encodeURIComponent("<img src=x onerror=alert(1)>")}`,
    );
    expectError(res, 404, "not_found");
  });

  it("keeps a sane caller-supplied X-Request-Id and replaces an unsafe one", async () => {
    const kept = await httpClient(world.server.url).get("/tenants", { "x-request-id": "my-trace-id-123" });
    expect(kept.headers.get("x-request-id")).toBe("my-trace-id-123");
    expectError(kept, 401, "unauthenticated");
    const replaced = await httpClient(world.server.url).get("/tenants", { "x-request-id": "<script>" });
    expect(replaced.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{24}$/);
    expectError(replaced, 401, "unauthenticated");
  });
});

describe("an unexpected error", () => {
  it("answers 500 internal with a fixed message that does not leak the cause", async () => {
    const server = await startTestServer();
    try {
      const admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
      expect((await admin.get("/tenants")).status).toBe(200);
      // The test's own outage: the database goes away under a running server.
      await server.database.close();
      const res = await admin.get("/tenants");
      expectError(res, 500, "internal");
      expect(res.body.error.message).toBe(
        "Something went wrong on our side. Quote the request id when you report it.",
      );
      expect(res.text).not.toMatch(/pglite|pool|closed|postgres|sql|stack|Error:/i);
      expect(res.body.error.details).toBeUndefined();
    } finally {
      await server.stop().catch(() => {});
    }
  });
});
