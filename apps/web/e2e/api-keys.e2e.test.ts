import { startFixedAnswerUpstream } from "@infera/server/testing";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotter } from "./lib/artifacts";
import { seriousViolations, settled } from "./lib/axe";
import { type Browser, openBrowser, STATE_TIMEOUT } from "./lib/browser";
import { exactly, type Lang, translator } from "./lib/i18n";

const baseURL = inject("baseURL");
const adminEmail = inject("adminEmail");
const adminPassword = inject("adminPassword");

/** A call through the page's own session (cookie and CSRF token), as the console makes it. */
async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-CSRF-Token": sessionStorage.getItem("infera.csrf") ?? "",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, path, body },
  );
}

/** A chat call to the gateway's /v1 from the test itself, as a program holding the key would make it. */
async function chat(secret: string, model: string) {
  const res = await fetch(`${baseURL}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
}

type Upstream = Awaited<ReturnType<typeof startFixedAnswerUpstream>>;

// The API-key journey (issue 12) in real Chromium against `infera up`: a key made in the console, its
// secret shown once, used on /v1 against an openai-compatible service whose upstream is the test's
// own fixed-answer server (no model needed), its RPM limit, its usage on the usage page, then a
// rotation that revokes the old secret at once and a revoke of the new one.
describe.each<Lang>(["en-US", "zh-CN"])("API keys, the gateway and usage in the console in %s", (lang) => {
  const t = translator(lang);
  const shot = screenshotter(`api-keys-${lang}`);
  const suffix = `${lang === "zh-CN" ? "zh" : "en"}-${Date.now().toString(36)}`;
  const projectName = `keys-${suffix}`;
  const serviceName = `bot-${suffix}`;
  const keyName = `ci-${suffix}`;
  let browser: Browser;
  let upstream: Upstream;
  let tenantId = "";
  let projectId = "";
  let firstSecret = "";
  let secondSecret = "";

  async function checkpoint(step: string, page = browser.page) {
    await settled(page);
    await shot(page, step);
    expect.soft(await seriousViolations(page), `axe on ${step} (${lang})`).toEqual([]);
  }
  const base = () => `/t/${tenantId}/p/${projectId}`;
  /** The secret dialog's value, read from the page as a user copying it would. */
  async function readSecret(titleKey: string) {
    const dialog = browser.page.getByRole("dialog", { name: t(titleKey, { name: keyName }) });
    const value = dialog.getByLabel(t("dialogs.secretValue"));
    await expect.poll(() => value.inputValue()).toMatch(/\S{20,}/);
    return { dialog, secret: await value.inputValue() };
  }
  /** The secret dialog stays until "I have saved it" is ticked: Escape does nothing, Done is disabled. */
  async function closeSecretDialog(dialog: ReturnType<Page["getByRole"]>) {
    const doneButton = dialog.getByRole("button", { name: exactly(t("common.done")) });
    expect(await doneButton.isDisabled()).toBe(true);
    await browser.page.keyboard.press("Escape");
    await settled(browser.page);
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole("checkbox", { name: t("dialogs.iHaveSaved") }).check();
    await doneButton.click();
    await dialog.waitFor({ state: "hidden" });
  }
  /** Until the gateway answers `status` for the secret (the verifier hears revokes by NOTIFY: 2 s at most). */
  async function expectStatusSoon(secret: string, status: number) {
    await expect.poll(async () => (await chat(secret, serviceName)).status, { timeout: 2_000 }).toBe(status);
  }

  beforeAll(async () => {
    upstream = await startFixedAnswerUpstream(`upstream-${suffix}`);
    browser = await openBrowser({ locale: lang, baseURL });
    // Nothing here waits on a replica: a missing control is a failure well within this.
    browser.context.setDefaultTimeout(20_000);
  });
  afterEach(async ({ task }) => {
    if ((task.result?.state === "fail" || task.result?.errors?.length) && browser)
      await shot(browser.page, "failed").catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
    await upstream?.close();
  });

  it("logs in; a project with an openai-compatible service shows the API keys empty state", async () => {
    const { page } = browser;
    await page.goto("/login");
    await page.getByText(lang === "zh-CN" ? "中文" : "English", { exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.lang), { timeout: STATE_TIMEOUT })
      .toBe(lang);
    await page.getByLabel(t("login.email")).fill(adminEmail);
    await page.getByLabel(t("login.password"), { exact: true }).fill(adminPassword);
    await page.getByRole("button", { name: exactly(t("login.submit")) }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    tenantId = (await apiCall<{ data: { id: string }[] }>(page, "GET", "/api/v1/tenants")).data[0]!.id;
    // The project and the service are not this journey's subject (other journeys cover their pages).
    projectId = (
      await apiCall<{ data: { id: string } }>(page, "POST", `/api/v1/tenants/${tenantId}/projects`, {
        name: projectName,
        env: "dev",
      })
    ).data.id;
    const models = await apiCall<{ data: { id: string; name: string }[] }>(
      page,
      "GET",
      `/api/v1/projects/${projectId}/models?scope=system`,
    );
    const tiny = models.data.find((m) => m.name === "infera-tiny")!.id;
    const service = await apiCall<{ data: { id: string } }>(
      page,
      "POST",
      `/api/v1/projects/${projectId}/services`,
      {
        name: serviceName,
        exposure: "private",
        config: {
          model: { model_id: tiny, tag: "latest" },
          runtime: { kind: "openai-compatible", base_url: upstream.baseUrl, api_key: "sk-upstream" },
          resources: { resource_class: "cpu-2" },
        },
      },
    );
    // The upstream checks (every 5 s) find the upstream's GET /v1/models and mark revision 1 ready.
    await expect
      .poll(
        async () =>
          (
            await apiCall<{ data: { revisions: { current_state: string }[] } }>(
              page,
              "GET",
              `/api/v1/services/${service.data.id}`,
            )
          ).data.revisions[0]?.current_state,
        { timeout: STATE_TIMEOUT, interval: 500 },
      )
      .toBe("ready");

    await page.goto(`${base()}/api-keys`);
    await page.getByText(t("apiKeys.empty")).first().waitFor();
    await checkpoint("api-keys-empty");
  });

  it("creates a key (inference:invoke, 2 requests a minute); its secret dialog cannot be closed before it is saved", async () => {
    const { page } = browser;
    await page
      .getByRole("button", { name: t("apiKeys.create") })
      .first()
      .click();
    const dialog = page.getByRole("dialog", { name: t("apiKeys.createDialog.title") });
    await dialog.getByLabel(t("apiKeys.form.name")).fill(keyName);
    await dialog
      .getByRole("group", { name: t("apiKeys.form.scopes") })
      .getByRole("checkbox", { name: /inference:invoke/ })
      .check();
    await dialog.getByLabel(t("apiKeys.form.rpm")).fill("2");
    await checkpoint("create-dialog");
    await dialog.getByRole("button", { name: exactly(t("apiKeys.createDialog.ok")) }).click();

    const { dialog: secretDialog, secret } = await readSecret("apiKeys.secret.title");
    firstSecret = secret;
    await checkpoint("secret-dialog");
    await closeSecretDialog(secretDialog);
    // Done leads to the new key's page.
    await page.waitForURL(/\/api-keys\/key_/);
    await page.getByRole("heading", { name: keyName }).first().waitFor();
  });

  it("calls /v1 with the key: 200, then 429 with Retry-After once past 2 requests a minute", async () => {
    expect(firstSecret, "the secret the dialog showed").not.toBe("");
    const first = await chat(firstSecret, serviceName);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.choices[0].message.content).toBe(
      `upstream-${suffix}0 upstream-${suffix}1 upstream-${suffix}2`,
    );
    const second = await chat(firstSecret, serviceName);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const third = await chat(firstSecret, serviceName);
    expect(third.status, JSON.stringify(third.body)).toBe(429);
    expect(Number(third.retryAfter)).toBeGreaterThan(0);
    expect(Number(third.retryAfter)).toBeLessThanOrEqual(60);
  });

  it("shows the calls on the usage page once the meter has shipped them", async () => {
    const { page } = browser;
    await page.goto(`${base()}/usage`);
    const table = page.getByRole("table", { name: t("usagePage.table.title") });
    // The usage.ship job seals and ships the gateway's journal every few seconds; the page reads on load.
    await expect
      .poll(
        async () => {
          await page.reload();
          await settled(page);
          const row = table.locator("tr").filter({ hasText: serviceName });
          if ((await row.count()) === 0) return 0;
          const cells = await row.first().locator("td").allTextContents();
          return Number((cells[1] ?? "0").replace(/[^\d]/g, ""));
        },
        { timeout: STATE_TIMEOUT, intervals: [2_000] },
      )
      .toBeGreaterThanOrEqual(2);
    await checkpoint("usage");
  });

  it("rotates the key, revoking the old secret now: old 401, new 200; revoking the new one makes it 401", async () => {
    const { page } = browser;
    await page.goto(`${base()}/api-keys`);
    await page
      .getByRole("table", { name: t("apiKeys.title") })
      .getByRole("link", { name: keyName })
      .first()
      .click();
    await page.waitForURL(/\/api-keys\/[^/]+$/);
    await page.getByRole("heading", { name: keyName }).first().waitFor();
    await checkpoint("key-detail");

    await page
      .getByRole("button", { name: t("apiKeys.actions.rotateOf", { name: keyName }) })
      .first()
      .click();
    const rotate = page.getByRole("dialog", { name: t("apiKeys.rotate.title", { name: keyName }) });
    await rotate.getByRole("radio", { name: new RegExp(t("apiKeys.rotate.revokeNow")) }).check();
    await checkpoint("rotate-dialog");
    await rotate.getByRole("button", { name: exactly(t("apiKeys.rotate.ok")) }).click();
    const { dialog, secret } = await readSecret("apiKeys.secret.rotatedTitle");
    secondSecret = secret;
    expect(secondSecret).not.toBe(firstSecret);
    await closeSecretDialog(dialog);

    await expectStatusSoon(firstSecret, 401);
    const fresh = await chat(secondSecret, serviceName);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);

    await page
      .getByRole("button", { name: t("apiKeys.actions.revokeOf", { name: keyName }) })
      .first()
      .click();
    const revoke = page.getByRole("dialog", { name: t("apiKeys.revoke.title", { name: keyName }) });
    const ok = revoke.getByRole("button", { name: exactly(t("apiKeys.revoke.ok")) });
    expect(await ok.isDisabled()).toBe(true);
    await revoke.getByLabel(t("dialogs.typeNameLabel")).fill(keyName);
    await checkpoint("revoke-dialog");
    await ok.click();
    await page
      .getByText(t("apiKeys.done.revoked", { name: keyName }))
      .first()
      .waitFor();
    await expectStatusSoon(secondSecret, 401);
    await checkpoint("revoked");
  });
});
