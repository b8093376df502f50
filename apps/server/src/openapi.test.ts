import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeRegistry } from "./http/define-route.js";
import type { RunningServer } from "./main.js";
import { loginAs } from "./testing/http.js";
import { startTestServer, TEST_ADMIN } from "./testing/test-server.js";

describe("OpenAPI document, reference page and operations endpoints", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("serves an OpenAPI 3.1 document that a validator accepts, with every route and its action", async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { "x-infera-action"?: string }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? [], JSON.stringify(result.errors ?? null).slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(routeRegistry.length).toBeGreaterThan(10);
    for (const route of routeRegistry) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path} is missing`).toBeDefined();
      expect(op!["x-infera-action"]).toBe(route.action);
    }
    const documented = Object.values(doc.paths).reduce((sum, ops) => sum + Object.keys(ops).length, 0);
    expect(documented).toBe(routeRegistry.length);
  });

  it("serves the interactive reference with its script from this server", async () => {
    const page = await fetch(`${server.url}/api/v1/reference`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain("/api/v1/reference/scalar.js");
    // The start-up is a file of its own (the page's CSP refuses inline scripts) and reads our document.
    expect(html).toContain("/api/v1/reference/start.js");
    const start = await fetch(`${server.url}/api/v1/reference/start.js`);
    expect(await start.text()).toContain("/api/v1/openapi.json");
    const script = await fetch(`${server.url}/api/v1/reference/scalar.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });

  it("answers /healthz, /readyz and Prometheus /metrics", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const admin = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    await admin.get("/tenants");
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await metrics.text();
    expect(text).toContain("# TYPE infera_http_requests_total counter");
    expect(text).toMatch(/infera_http_requests_total\{[^}]*status="200"[^}]*\} \d+/);
  });
});
