import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotter } from "./lib/artifacts";
import { seriousViolations, settled } from "./lib/axe";
import { type Browser, openBrowser, STATE_TIMEOUT } from "./lib/browser";
import { exactly, type Lang, translator } from "./lib/i18n";

const baseURL = inject("baseURL");
const adminEmail = inject("adminEmail");
const adminPassword = inject("adminPassword");
// The bundled tiny model: a real safetensors with its config and tokenizer.
const tinyDir = fileURLToPath(new URL("../../../packages/runtimes/assets/infera-tiny/", import.meta.url));
const files = ["model.safetensors", "config.json", "tokenizer.json"].map((f) => `${tinyDir}${f}`);

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

// The newcomer's models journey, once per language, each in a fresh Chromium profile.
describe.each<Lang>(["en-US", "zh-CN"])("models console in %s", (lang) => {
  const t = translator(lang);
  const shot = screenshotter(`models-${lang}`);
  const suffix = `${lang === "zh-CN" ? "zh" : "en"}-${Date.now().toString(36)}`;
  const modelName = `tiny-${suffix}`;
  const reason = `Release review ${suffix}: evaluation runs after launch`;
  let browser: Browser;
  let tenantId = "";
  let projectId = "";
  let modelId = "";
  let v1 = "";
  let v2 = "";

  async function checkpoint(step: string) {
    const { page } = browser;
    await settled(page);
    await shot(page, step);
    expect.soft(await seriousViolations(page), `axe on ${step} (${lang})`).toEqual([]);
  }
  const modelsUrl = () => `/t/${tenantId}/p/${projectId}/models`;

  beforeAll(async () => {
    browser = await openBrowser({ locale: lang, baseURL });
  });
  afterEach(async ({ task }) => {
    if ((task.result?.state === "fail" || task.result?.errors?.length) && browser)
      await shot(browser.page, "failed").catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("logs in and opens the models of a project whose prod needs a passing evaluation", async () => {
    const { page } = browser;
    await page.goto("/login");
    // The console starts in the browser's language; switch explicitly in case it does not.
    await page.getByText(lang === "zh-CN" ? "中文" : "English", { exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.lang), { timeout: STATE_TIMEOUT })
      .toBe(lang);
    await page.getByLabel(t("login.email")).fill(adminEmail);
    await page.getByLabel(t("login.password"), { exact: true }).fill(adminPassword);
    await page.getByRole("button", { name: exactly(t("login.submit")) }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    tenantId = (await apiCall<{ data: { id: string }[] }>(page, "GET", "/api/v1/tenants")).data[0]!.id;
    const project = await apiCall<{ data: { id: string } }>(
      page,
      "POST",
      `/api/v1/tenants/${tenantId}/projects`,
      {
        name: `models-${suffix}`,
        env: "prod",
      },
    );
    projectId = project.data.id;
    const policies = (
      await apiCall<{ data: Record<string, unknown> }>(page, "GET", `/api/v1/projects/${projectId}/policies`)
    ).data;
    const toggles = [
      "prod_disallow_scale_to_zero",
      "prod_force_alerts",
      "prod_no_playground_logging",
      "viewers_cannot_view_logs",
    ];
    await apiCall(page, "PUT", `/api/v1/projects/${projectId}/policies`, {
      ...Object.fromEntries(toggles.map((k) => [k, policies[k]])),
      prod_requires_passing_evaluation: true,
    });
    await page.goto(modelsUrl());
    await page.getByRole("heading", { name: t("modelsPage.title"), level: 1 }).waitFor();
    // The bundled model is a public system model: listed among the available ones, with its scope.
    await page.locator("[data-scope=system]").first().waitFor();
    await checkpoint("models-list");
    await page.getByRole("tab", { name: t("modelsPage.tabs.tenant") }).click();
    await page.getByText(t("modelsPage.emptyTenant")).waitFor();
    await checkpoint("models-tenant-empty");
  });

  it("uploads a multi-file model through the 4-step wizard with progress", async () => {
    const { page } = browser;
    await page
      .getByRole("button", { name: t("modelsPage.upload") })
      .first()
      .click();
    const dialog = page.getByRole("dialog", { name: t("modelsPage.wizard.title") });
    await dialog.getByLabel(t("modelsPage.wizard.name")).fill(modelName);
    await checkpoint("wizard-target");
    await dialog.getByRole("button", { name: exactly(t("wizard.next")) }).click();
    await dialog.locator("input[type=file]").setInputFiles(files);
    for (const name of ["model.safetensors", "config.json", "tokenizer.json"])
      await dialog.getByRole("progressbar", { name: t("modelsPage.wizard.progressOf", { name }) }).waitFor();
    await expect
      .poll(() => dialog.locator("[data-file-status=done]").count(), { timeout: STATE_TIMEOUT })
      .toBe(3);
    await checkpoint("wizard-files-uploaded");
    await dialog.getByRole("button", { name: exactly(t("wizard.next")) }).click();
    await dialog.getByLabel(t("modelsPage.wizard.notes")).fill("first upload from the console");
    await dialog.getByRole("button", { name: exactly(t("wizard.next")) }).click();
    const review = dialog.getByRole("table", { name: t("modelsPage.wizard.reviewFiles") });
    await expect.poll(() => review.textContent()).toContain("tokenizer.json");
    // Each file's sha256, as the server computed it while receiving.
    await expect
      .poll(
        () =>
          review
            .getByRole("button", { name: new RegExp(`^${t("idBadge.copy", { id: "" }).trim()}`) })
            .count(),
        { timeout: STATE_TIMEOUT },
      )
      .toBe(3);
    await checkpoint("wizard-review");
    await dialog.getByRole("button", { name: exactly(t("modelsPage.wizard.submit")) }).click();
    await page.waitForURL(/[?&]version=mv_/);
    const url = new URL(page.url());
    v1 = url.searchParams.get("version") ?? "";
    modelId = url.pathname.split("/").pop() ?? "";
    expect(v1).toMatch(/^mv_/);
    expect(modelId).toMatch(/^mdl_/);
  });

  it("shows the version in the drawer: id, digest, format, detected metadata, files with sha256", async () => {
    const { page } = browser;
    const drawer = page.getByRole("dialog", { name: t("modelsPage.version.drawerTitle", { id: v1 }) });
    const files = drawer.getByRole("table", { name: t("modelsPage.version.files") });
    await expect.poll(() => files.textContent(), { timeout: STATE_TIMEOUT }).toContain("model.safetensors");
    expect(await files.textContent()).toContain("config.json");
    expect(await files.textContent()).toContain("tokenizer.json");
    const text = (await drawer.textContent()) ?? "";
    expect(text).toContain(t("modelsPage.version.digest"));
    expect(await drawer.locator("[data-format=safetensors]").count()).toBe(1);
    expect(text).toContain(t("modelsPage.version.dtypes"));
    expect(text).toMatch(/F32|F16|BF16/);
    await checkpoint("version-drawer");
    await drawer
      .getByRole("button", { name: t("common.close") })
      .first()
      .click();
    await drawer.waitFor({ state: "hidden" });
  });

  it("promotes to prod: refused by the gate, then forced by an Owner with a reason", async () => {
    const { page } = browser;
    // A second version from the same stored bytes (config and weights only), for the rollback later.
    const v1Files = (
      await apiCall<{ data: { files: { path: string; sha256: string }[] } }>(
        page,
        "GET",
        `/api/v1/model-versions/${v1}`,
      )
    ).data.files;
    v2 = (
      await apiCall<{ data: { id: string } }>(page, "POST", `/api/v1/models/${modelId}/versions`, {
        files: v1Files
          .filter((f) => f.path !== "tokenizer.json")
          .map(({ path, sha256 }) => ({ path, sha256 })),
      })
    ).data.id;
    for (const target of [v1, v2]) {
      await page.goto(`/t/${tenantId}/p/${projectId}/models/${modelId}?tab=versions`);
      await page.getByRole("button", { name: t("modelsPage.version.promoteOf", { id: target }) }).click();
      const dialog = page.getByRole("dialog", { name: t("modelsPage.move.promoteTitle") });
      await dialog.getByLabel(t("modelsPage.move.tagName")).fill("prod");
      // The dry run: target resolved, and the gate that will refuse.
      await dialog.getByTestId("resolved-target").waitFor();
      await dialog.getByText(t("modelsPage.move.gateFailed"), { exact: true }).waitFor();
      if (target === v1) await checkpoint("promote-dry-run");
      await dialog.getByRole("button", { name: exactly(t("modelsPage.move.submit")) }).click();
      await dialog.getByText(t("modelsPage.move.refused")).waitFor();
      if (target === v1) await checkpoint("promote-refused");
      await dialog.getByRole("checkbox", { name: t("modelsPage.move.force") }).check();
      await dialog.getByLabel(t("modelsPage.move.forceReason")).fill(reason);
      await dialog.getByRole("checkbox", { name: t("modelsPage.move.forceConfirm") }).check();
      await dialog.getByRole("button", { name: exactly(t("modelsPage.move.forceSubmit")) }).click();
      await page
        .getByText(t("modelsPage.move.movedForced", { tag: "prod", version: target }))
        .first()
        .waitFor();
      await dialog.waitFor({ state: "hidden" });
    }
    const tags = await apiCall<{ data: { tag: string; version_id: string }[] }>(
      page,
      "GET",
      `/api/v1/models/${modelId}/tags`,
    );
    expect(tags.data.find((x) => x.tag === "prod")?.version_id).toBe(v2);
  });

  it("rolls prod back and shows the tag history: who, when, from, to, reason", async () => {
    const { page } = browser;
    await page.goto(`/t/${tenantId}/p/${projectId}/models/${modelId}?tab=tags`);
    await page.getByRole("button", { name: t("modelsPage.tags.rollbackOf", { tag: "prod" }) }).click();
    const dialog = page.getByRole("dialog", { name: t("modelsPage.move.rollbackTitle", { tag: "prod" }) });
    // Undo goes back to v1, which held prod before: the gate lets it through without force.
    await dialog.getByTestId("resolved-target").waitFor();
    await expect.poll(() => dialog.getByTestId("resolved-target").textContent()).toContain(v1.slice(0, 8));
    await dialog.getByText(t("modelsPage.move.gatePassed"), { exact: true }).waitFor();
    await checkpoint("rollback-dialog");
    await dialog.getByRole("button", { name: exactly(t("modelsPage.move.submitRollback")) }).click();
    await page
      .getByText(t("modelsPage.move.moved", { tag: "prod", version: v1 }))
      .first()
      .waitFor();
    await dialog.waitFor({ state: "hidden" });
    const prodRow = page
      .getByRole("row")
      .filter({ hasText: t("modelsPage.tags.rollback") })
      .filter({ hasText: "prod" });
    await prodRow
      .first()
      .getByRole("button", { name: /expand|展开/i })
      .click();
    const history = page.getByRole("table", { name: t("modelsPage.tags.historyOf", { tag: "prod" }) });
    await expect.poll(() => history.getByRole("row").count(), { timeout: STATE_TIMEOUT }).toBe(4); // header + 3 moves
    const text = (await history.textContent()) ?? "";
    expect(text).toContain(adminEmail);
    expect(text).toContain(reason);
    expect(text).toContain(t("modelsPage.tags.action.rollback"));
    await checkpoint("tag-history");
  });

  it("shows the forced promote's reason in the audit log, and a version's own records", async () => {
    const { page } = browser;
    await page.getByRole("tab", { name: t("modelsPage.detail.audit") }).click();
    const list = page.getByRole("region", { name: t("modelsPage.audit.title") });
    await expect.poll(() => list.textContent(), { timeout: STATE_TIMEOUT }).toContain(reason);
    expect(await list.textContent()).toContain("model.tag.update");
    await checkpoint("model-audit");
    // A version is its own audit resource: picked, its creation shows.
    await page.getByRole("combobox", { name: t("modelsPage.audit.resource") }).click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: new RegExp(`^${v1} · `) })
      .click();
    await list.getByText("model.version.create").waitFor();
    const events = await apiCall<{
      data: { action: string; after: { reason?: string; forced?: boolean } }[];
    }>(page, "GET", `/api/v1/projects/${projectId}/audit-events?action=model.tag.update&limit=10`);
    expect(events.data.some((e) => e.after.forced === true && e.after.reason === reason)).toBe(true);
  });

  it("refuses to delete a referenced model and links to what uses it", async () => {
    const { page } = browser;
    const derived = await apiCall<{ data: { id: string } }>(
      page,
      "POST",
      `/api/v1/projects/${projectId}/models`,
      {
        name: `${modelName}-lora`,
      },
    );
    const v1Files = (
      await apiCall<{ data: { files: { path: string; sha256: string }[] } }>(
        page,
        "GET",
        `/api/v1/model-versions/${v1}`,
      )
    ).data.files;
    const child = await apiCall<{ data: { id: string } }>(
      page,
      "POST",
      `/api/v1/models/${derived.data.id}/versions`,
      {
        artifact_type: "adapter",
        base_model_version_id: v1,
        files: [
          {
            path: "adapter.safetensors",
            sha256: v1Files.find((f) => f.path === "model.safetensors")!.sha256,
          },
        ],
      },
    );
    await page.goto(`/t/${tenantId}/p/${projectId}/models/${modelId}?tab=usage`);
    const usage = page.getByRole("table", { name: t("modelsPage.usage.title") });
    await expect.poll(() => usage.textContent(), { timeout: STATE_TIMEOUT }).toContain(`${modelName}-lora`);
    await checkpoint("model-usage");
    await page.getByRole("button", { name: t("modelsPage.deleteModel") }).click();
    const dialog = page.getByRole("dialog", { name: t("modelsPage.deleteTitle", { name: modelName }) });
    await dialog.getByLabel(t("dialogs.typeNameLabel")).fill(modelName);
    await dialog.getByRole("button", { name: exactly(t("common.delete")) }).click();
    const link = dialog.getByRole("link", { name: new RegExp(`${modelName}-lora`) });
    await link.waitFor();
    await checkpoint("delete-refused-dependants");
    await link.click();
    // The dependant's link leads to the derived model with its version open.
    await page.waitForURL(new RegExp(`/models/${derived.data.id}\\?.*version=${child.data.id}`));
    await page
      .getByRole("dialog", { name: t("modelsPage.version.drawerTitle", { id: child.data.id }) })
      .waitFor();
    await checkpoint("dependant-version");
  });
});
