import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteEntry, routeRegistry } from "../http/define-route.js";
import { type HttpClient, loginAs, type TestResponse } from "../testing/http.js";
import { startTestServer, TEST_ADMIN } from "../testing/test-server.js";
import { describeResponse, routeKey } from "./expectations.js";

// Importing the test server imports the app, which registers every route.
const routes = [...routeRegistry].sort((x, y) => routeKey(x).localeCompare(routeKey(y)));
const writes = routes.filter((r) => r.method !== "GET" && r.method !== "HEAD");
const nonPublic = routes.filter((r) => r.action !== "public");
const jsonRoutes = routes.filter((r) => r.body === "json");
const bodyless = writes.filter((r) => r.body === "none");

/** The route's path with every `{param}` filled by an id that names nothing. */
const pathOf = (r: RouteEntry) => r.path.replace(/\{\w+\}/g, "x_does_not_exist");

function expectError(res: TestResponse, status: number, code: string) {
  const why = describeResponse(res);
  expect(res.status, why).toBe(status);
  expect(res.headers.get("content-type"), why).toMatch(/^application\/json/);
  expect(res.body?.error?.code, why).toBe(code);
  expect(typeof res.body.error.message, why).toBe("string");
  expect(res.body.error.request_id, why).toBe(res.headers.get("x-request-id"));
}

describe("request gates run before a route reads its input", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: HttpClient & { token: string };
  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => server?.stop());

  /** A request with exactly these headers and body (fetch adds no Content-Type to bytes). */
  async function raw(
    method: string,
    path: string,
    body: RequestInit["body"] | undefined,
    headers: Record<string, string> = {},
    token: string | null = admin.token,
  ): Promise<TestResponse> {
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    const res = await fetch(`${server.url}/api/v1${path}`, { method, headers: h, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  it("knows routes of every kind", () => {
    expect(nonPublic.length).toBeGreaterThan(20);
    expect(jsonRoutes.length).toBeGreaterThan(10);
    expect(bodyless.map(routeKey)).toContain("POST /admin/blobs/gc");
  });

  it.each(nonPublic.map((r) => [routeKey(r), r] as const))(
    "%s: anonymous with a malformed body and query → 401",
    async (_, route) => {
      const query = "?limit=-1&cursor=%00&format=xml&version_id=&ref=&unknown[]=1";
      const malformed = await raw(
        route.method,
        `${pathOf(route)}${query}`,
        route.method === "GET" ? undefined : '{"name": 12, "unterminated',
        { "content-type": "application/json" },
        null,
      );
      expectError(malformed, 401, "unauthenticated");
      if (route.method === "GET") return;
      const form = await raw(route.method, pathOf(route), new URLSearchParams({ a: "1" }), {}, null);
      expectError(form, 401, "unauthenticated");
    },
  );

  const notJson: [string, () => { body: RequestInit["body"]; headers?: Record<string, string> }][] = [
    ["a form", () => ({ body: new URLSearchParams({ name: "x" }) })],
    [
      "multipart",
      () => {
        const form = new FormData();
        form.append("name", "x");
        return { body: form };
      },
    ],
    ["text/plain", () => ({ body: '{"name":"x"}', headers: { "content-type": "text/plain" } })],
    ["no Content-Type", () => ({ body: new TextEncoder().encode('{"name":"x"}') })],
  ];
  it.each(jsonRoutes.map((r) => [routeKey(r), r] as const))(
    "%s: a body that is not JSON → 415 unsupported_media_type",
    async (_, route) => {
      for (const [what, make] of notJson) {
        const { body, headers } = make();
        const res = await raw(route.method, pathOf(route), body, headers);
        expectError(res, 415, "unsupported_media_type");
        expect(res.body.error.details.accepted, what).toEqual(["application/json"]);
      }
    },
  );

  it("accepts application/json with a charset, and +json types", async () => {
    const created = await admin.post("/tenants", { name: `gates ${Date.now()}` });
    expect(created.status, describeResponse(created)).toBe(201);
    for (const type of [
      "application/json; charset=utf-8",
      "application/json;charset=UTF-8",
      "Application/JSON",
      "application/merge-patch+json",
    ]) {
      const name = `gates ${type.length} ${Date.now()}`;
      const res = await raw("PATCH", `/tenants/${created.body.data.id}`, JSON.stringify({ name }), {
        "content-type": type,
      });
      expect(res.status, `${type}: ${describeResponse(res)}`).toBe(200);
      expect(res.body.data.name).toBe(name);
    }
  });

  it.each(bodyless.map((r) => [routeKey(r), r] as const))(
    "%s takes no body: anything but none or {} is refused",
    async (_, route) => {
      for (const body of ['{"force": true}', "[]", "null", '"x"', "{"]) {
        const res = await raw(route.method, pathOf(route), body, { "content-type": "application/json" });
        expectError(res, 400, "validation_error");
        expect(res.body.error.message, body).toMatch(/no request body|Malformed JSON/);
      }
      const text = await raw(route.method, pathOf(route), "force", { "content-type": "text/plain" });
      expectError(text, 415, "unsupported_media_type");
      if (!route.path.includes("{")) return;
      // None and {} reach the route, which finds nothing under ids that name nothing.
      for (const body of [undefined, "{}", " { } "]) {
        const res = await raw(route.method, pathOf(route), body, { "content-type": "application/json" });
        expect(res.status, `${JSON.stringify(body)}: ${describeResponse(res)}`).toBe(404);
      }
    },
  );

  it("runs blob garbage collection with no body and with {}", async () => {
    const none = await raw("POST", "/admin/blobs/gc", undefined);
    expect(none.status, describeResponse(none)).toBe(200);
    const empty = await admin.post("/admin/blobs/gc", {});
    expect(empty.status, describeResponse(empty)).toBe(200);
    const forced = await admin.post("/admin/blobs/gc", { grace_hours: 0 });
    expectError(forced, 400, "validation_error");
  });
});
