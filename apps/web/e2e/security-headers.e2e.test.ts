import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "./lib/axe";
import { type Browser, openBrowser } from "./lib/browser";
import { translator } from "./lib/i18n";

const baseURL = inject("baseURL");
const t = translator("en-US");

/**
 * Everything the Content-Security-Policy refused on this page: Chromium fires a
 * `securitypolicyviolation` event and logs a console error for each.
 */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) seen.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => seen.push(`page error: ${err.message}`));
  return seen;
}

async function collectEvents(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}

const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

describe("browser security headers", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser({ locale: "en-US", baseURL });
  });
  afterAll(async () => browser?.close());

  it("the console's login page renders under its strict CSP with no violation", async () => {
    const { page } = browser;
    const seen = watchViolations(page);
    await collectEvents(page);
    const res = await page.goto("/login");
    const csp = res?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    await page.getByRole("heading", { name: t("login.title") }).waitFor();
    await expect(page.getByLabel(t("login.email")).isVisible()).resolves.toBe(true);
    await page.waitForLoadState("networkidle");
    expect(await events(page)).toEqual([]);
    expect(seen).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    // The policy is really enforced: an inline script is refused.
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.head.append(s);
    });
    expect(await page.evaluate(() => "__inlineRan" in window)).toBe(false);
    expect((await events(page)).join("\n")).toMatch(/script-src/);
  });

  it("the API reference renders its operations with no violation", async () => {
    const page = await browser.context.newPage();
    const seen = watchViolations(page);
    await collectEvents(page);
    const res = await page.goto("/api/v1/reference");
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
    // An operation of the document, rendered by the reader.
    await page
      .getByText("Sign in with email and password")
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: 90_000 });
    await page.waitForLoadState("networkidle");
    // The bundled zod probes `new Function("")` once to choose its fast path; the policy refuses it
    // (no 'unsafe-eval'), the probe catches that and zod validates without compiling. Only that probe
    // is tolerated: any other refusal, of a script, a style, a font or a request, fails.
    const probe = (line: string) => /^script-src(-elem)? eval$/.test(line) || /'unsafe-eval'/.test(line);
    expect((await events(page)).filter((v) => !probe(v))).toEqual([]);
    expect(seen.filter((v) => !probe(v))).toEqual([]);
    await page.close();
  }, 150_000);
});
