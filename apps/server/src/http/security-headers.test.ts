import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.js";

const browserHeaders = (res: Response) => ({
  csp: res.headers.get("content-security-policy") ?? "",
  frame: res.headers.get("x-frame-options"),
  nosniff: res.headers.get("x-content-type-options"),
  referrer: res.headers.get("referrer-policy"),
  hsts: res.headers.get("strict-transport-security"),
});

describe("browser security headers", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let webDir: string;
  beforeAll(async () => {
    // A console build of one page, with the shape of the real one: a module script from /assets.
    webDir = await mkdtemp(join(tmpdir(), "infera-web-"));
    await writeFile(
      join(webDir, "index.html"),
      '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body></body></html>',
    );
    server = await startTestServer({ INFERA_WEB_DIR: webDir });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  it.each([
    ["the console", "/login"],
    ["an API answer", "/api/v1/tenants"],
    ["an API error for a path that does not exist", "/api/v1/nope"],
    ["the API reference", "/api/v1/reference"],
    ["the OpenAPI document", "/api/v1/openapi.json"],
  ])("%s carries a strict CSP, no framing, nosniff and no-referrer; no HSTS over http", async (_, path) => {
    const h = browserHeaders(await fetch(`${server.url}${path}`));
    const directives = Object.fromEntries(
      h.csp.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(" ")];
      }),
    );
    expect(directives["script-src"]).toBe("'self'");
    expect(directives["default-src"]).toBe("'self'");
    expect(directives["object-src"]).toBe("'none'");
    expect(directives["frame-ancestors"]).toBe("'none'");
    expect(h.frame).toBe("DENY");
    expect(h.nosniff).toBe("nosniff");
    expect(h.referrer).toBe("no-referrer");
    expect(h.hsts).toBeNull();
  });

  it("the console and the reference start no inline script", async () => {
    for (const path of ["/login", "/api/v1/reference"]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const [tag, attrs, body] of scripts) {
        expect(attrs, `${path}: ${tag}`).toMatch(/\ssrc="\/[^"]+"/);
        expect(body!.trim(), `${path}: ${tag}`).toBe("");
      }
    }
    const start = await fetch(`${server.url}/api/v1/reference/start.js`);
    expect(start.headers.get("content-type")).toMatch(/javascript/);
    expect(await start.text()).toContain('"url":"/api/v1/openapi.json"');
  });

  it("sends Strict-Transport-Security when the public URL is https", async () => {
    const https = await startTestServer({ INFERA_PUBLIC_URL: "https://infera.example.com" });
    try {
      const h = browserHeaders(await fetch(`${https.url}/api/v1/tenants`));
      expect(h.hsts).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    } finally {
      await https.stop();
    }
  });
});
