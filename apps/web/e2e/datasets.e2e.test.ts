import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotter } from "./lib/artifacts";
import { seriousViolations, settled } from "./lib/axe";
import { type Browser, openBrowser, STATE_TIMEOUT } from "./lib/browser";
import { exactly, type Lang, translator } from "./lib/i18n";

const baseURL = inject("baseURL");
const adminEmail = inject("adminEmail");
const adminPassword = inject("adminPassword");
const financePassword = "e2e-Finance-Passw0rd!";

const chat = (i: number) =>
  JSON.stringify({
    messages: [
      { role: "user", content: `What is ${i} + ${i}?` },
      { role: "assistant", content: `It is ${i + i}.` },
    ],
  });
// 20 lines; lines 4, 9 and 15 are bad (broken JSON, an unknown role, an array).
const lines = Array.from({ length: 20 }, (_, i) => chat(i + 1));
const badLines = [...lines];
badLines[3] = '{"messages": [{"role": "user", "content": "cut off"';
badLines[8] = JSON.stringify({
  messages: [
    { role: "user", content: "hi" },
    { role: "bot", content: "hello" },
  ],
});
badLines[14] = "[1, 2, 3]";
const jsonl = (rows: string[]) => Buffer.from(`${rows.join("\n")}\n`);

/** A write through the page's own session, as the console would make it (cookie + CSRF token). */
async function apiWrite<T>(page: Page, method: string, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": sessionStorage.getItem("infera.csrf") ?? "",
        },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    { method, path, body },
  );
}

async function login(page: Page, t: (key: string) => string, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(t("login.email")).fill(email);
  await page.getByLabel(t("login.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: exactly(t("login.submit")) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

// A newcomer's dataset journey (issue 4, "Done when"), in real Chromium against `infera up`, per language.
describe.each<Lang>(["en-US", "zh-CN"])("datasets in the console in %s", (lang) => {
  const t = translator(lang);
  const suffix = `${lang === "zh-CN" ? "zh" : "en"}-${Date.now().toString(36)}`;
  const financeEmail = `finance-${suffix}@infera.test`;
  const shot = screenshotter(`datasets-${lang}`);
  let browser: Browser;
  let tenantId = "";
  let projectId = "";
  let datasetId = "";
  const datasetName = `support-${suffix}`;

  async function checkpoint(step: string, page = browser.page) {
    await settled(page);
    await shot(page, step);
    expect.soft(await seriousViolations(page), `axe on ${step}`).toEqual([]);
  }

  // The wizard is the dialog with steps, then its result (its title names the dataset when adding a version).
  const wizard = () =>
    browser.page.getByRole("dialog").filter({ has: browser.page.locator(".ant-steps, .ant-result") });
  const next = () =>
    wizard()
      .getByRole("button", { name: exactly(t("wizard.next")) })
      .click();
  async function addFile(name: string, rows: string[]) {
    await wizard()
      .locator("input[type=file]")
      .setInputFiles({ name, mimeType: "application/x-ndjson", buffer: jsonl(rows) });
    const item = wizard().getByRole("listitem").filter({ hasText: name });
    await expect
      .poll(() => item.textContent(), { timeout: STATE_TIMEOUT })
      .toContain(t("datasetsPage.upload.status.done"));
  }

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

  it("shows the empty list with the seed's copy and its call to action", async () => {
    const { page } = browser;
    await login(page, t, adminEmail, adminPassword);
    const tenants = await page.evaluate(() => fetch("/api/v1/tenants").then((r) => r.json()));
    tenantId = (tenants as { data: { id: string }[] }).data[0]?.id ?? "";
    const project = await apiWrite<{ data: { id: string } }>(
      page,
      "POST",
      `/api/v1/tenants/${tenantId}/projects`,
      {
        name: `datasets-${suffix}`,
        env: "dev",
      },
    );
    projectId = project.data.id;
    await page.goto(`/t/${tenantId}/p/${projectId}/datasets`);
    await page.getByText(t("datasetsPage.empty")).waitFor();
    await checkpoint("datasets-empty");
  });

  it("uploads a JSONL with bad lines, shows them by number and downloads the full report", async () => {
    const { page } = browser;
    await page
      .getByRole("button", { name: t("datasetsPage.upload.open") })
      .first()
      .click();
    await wizard().getByLabel(t("datasetsPage.name")).fill(datasetName);
    await checkpoint("wizard-dataset");
    await next();
    await wizard().getByText(t("datasetsPage.upload.drop")).waitFor();
    await addFile("support.jsonl", badLines);
    await checkpoint("wizard-files");
    await next();
    const errors = wizard().getByRole("table", { name: t("datasetsPage.errors.table") });
    await errors.waitFor({ timeout: STATE_TIMEOUT });
    const rows = errors.locator("tbody tr.ant-table-row");
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toMatch(/^4/);
    expect(await rows.nth(1).textContent()).toMatch(/^9.*bot/);
    expect(await rows.nth(2).textContent()).toMatch(/^15.*not_an_object/);
    await wizard()
      .getByText(t("datasetsPage.errors.found", { count: 3 }))
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      wizard()
        .getByRole("link", { name: t("datasetsPage.errors.download") })
        .click(),
    ]);
    const report = (await readFile((await download.path()) as string, "utf8")).trim().split("\n");
    expect(report.map((l) => (JSON.parse(l) as { line: number }).line)).toEqual([4, 9, 15]);
    // Off the button just clicked: axe would read its hover colours.
    await page.mouse.move(0, 0);
    await checkpoint("wizard-bad-lines");

    // Neither a corrected file nor keep-valid-only: the step refuses to go on.
    await next();
    await wizard().getByText(t("datasetsPage.report.chooseFix")).waitFor();
  });

  it("takes a corrected file instead, and creates a version whose id shows at the end", async () => {
    const { page } = browser;
    await wizard()
      .getByRole("button", { name: exactly(t("wizard.back")) })
      .click();
    await wizard()
      .getByRole("button", { name: t("datasetsPage.upload.remove", { name: "support.jsonl" }) })
      .click();
    await addFile("support-fixed.jsonl", lines);
    await next();
    await wizard()
      .getByText(t("datasetsPage.report.allValid", { rows: 20, format: "chat" }))
      .waitFor({
        timeout: STATE_TIMEOUT,
      });
    await wizard().getByTestId("tokens-total").waitFor();
    await checkpoint("wizard-valid-report");
    await next();
    await checkpoint("wizard-review");
    await wizard()
      .getByRole("button", { name: exactly(t("datasetsPage.wizard.create")) })
      .click();
    await wizard()
      .getByText(t("datasetsPage.versionCreated", { number: 1, name: datasetName }))
      .waitFor();
    await checkpoint("wizard-created");
    await wizard()
      .getByRole("button", { name: exactly(t("datasetsPage.openVersion")) })
      .click();
    await page.waitForURL(/\/datasets\/ds_.*version=dsv_/);
    datasetId = new URL(page.url()).pathname.split("/").pop() ?? "";
  });

  it("reads the version's ids, digest, token statistics and schema in the drawer", async () => {
    const { page } = browser;
    const drawer = page.getByRole("dialog", { name: t("datasetsPage.drawer.title", { number: 1 }) });
    await drawer.getByTestId("tokens-prompt").waitFor();
    const versionId = new URL(page.url()).searchParams.get("version") ?? "";
    const version = (
      await page.evaluate((id) => fetch(`/api/v1/dataset-versions/${id}`).then((r) => r.json()), versionId)
    ).data as { digest: string; rows: number; token_stats: { total: { sum: number } } };
    expect(version.rows).toBe(20);
    // Short ids with copy and the full value on demand (seed 000 §0.2, §7.1).
    await drawer
      .getByRole("button", { name: t("idBadge.showFull", { id: version.digest.slice(0, 12) }) })
      .first()
      .click();
    await page.getByTestId("full-id").filter({ hasText: version.digest }).first().waitFor();
    expect(await drawer.getByTestId("tokens-total").textContent()).toContain(
      version.token_stats.total.sum.toLocaleString("en-US"),
    );
    await drawer
      .getByRole("table", { name: t("datasetsPage.schema.fields") })
      .getByText("messages[].role")
      .waitFor();
    await checkpoint("version-drawer");
    await drawer.locator(".ant-drawer-close").click();
    await drawer.waitFor({ state: "hidden" });
  });

  it("keeps only the valid rows of a bad file when asked, and the version records it", async () => {
    const { page } = browser;
    await page
      .getByRole("button", { name: t("datasetsPage.uploadVersion") })
      .first()
      .click();
    await next();
    await addFile("more.jsonl", badLines);
    await next();
    await wizard()
      .getByRole("table", { name: t("datasetsPage.errors.table") })
      .waitFor({ timeout: STATE_TIMEOUT });
    await wizard()
      .getByRole("checkbox", { name: t("datasetsPage.report.keepValid", { valid: 17, invalid: 3 }) })
      .check();
    await next();
    await wizard()
      .getByText(t("datasetsPage.report.keptRows", { valid: 17, invalid: 3 }))
      .waitFor();
    await wizard()
      .getByRole("button", { name: exactly(t("datasetsPage.wizard.create")) })
      .click();
    await wizard()
      .getByText(t("datasetsPage.versionCreated", { number: 2, name: datasetName }))
      .waitFor();
    await wizard()
      .getByRole("button", { name: exactly(t("datasetsPage.openVersion")) })
      .click();
    const drawer = page.getByRole("dialog", { name: t("datasetsPage.drawer.title", { number: 2 }) });
    await drawer.getByText(t("datasetsPage.drawer.keptValidOnly", { dropped: 3 })).waitFor();
    await checkpoint("version-drawer-kept-valid");
    await drawer.locator(".ant-drawer-close").click();
    await drawer.waitFor({ state: "hidden" });
    // Both versions, with ids and digests, in the Versions tab.
    const table = page.getByRole("table", { name: t("datasetsPage.tabs.versions") });
    // Exactly: an id such as dsv_01m93bv1… holds "v1" too (CI, stop 26).
    await table.getByText("v2", { exact: true }).waitFor();
    await table.getByText("v1", { exact: true }).waitFor();
    await checkpoint("dataset-versions");
  });

  it("previews rows; Finance sees where the rows are but not their content", async () => {
    const { page } = browser;
    await page.getByRole("tab", { name: t("datasetsPage.tabs.preview") }).click();
    await page.getByText("What is 1 + 1?").first().waitFor();
    await checkpoint("dataset-preview");

    await apiWrite(page, "POST", `/api/v1/tenants/${tenantId}/users`, {
      email: financeEmail,
      name: "Fin",
      password: financePassword,
      role: "finance",
    });
    const finance = await openBrowser({ locale: lang, baseURL });
    try {
      await login(finance.page, t, financeEmail, financePassword);
      await finance.page.goto(`/t/${tenantId}/p/${projectId}/datasets/${datasetId}?tab=preview`);
      await finance.page.getByText(t("datasetsPage.preview.masked")).waitFor();
      await finance.page.getByText(t("datasetsPage.preview.hidden")).first().waitFor();
      expect(await finance.page.getByText("What is 1 + 1?").count()).toBe(0);
      await checkpoint("dataset-preview-finance", finance.page);
    } finally {
      await finance.close();
    }
  });

  it("finds the dataset's and each version's audit records in the Audit tab", async () => {
    const { page } = browser;
    await page.getByRole("tab", { name: t("datasetsPage.tabs.audit") }).click();
    const table = page.getByRole("table", { name: t("datasetsPage.tabs.audit") });
    await table.getByText("dataset.create").waitFor();
    await page.getByLabel(t("datasetsPage.audit.resource")).click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: /^v2 · / })
      .click();
    await table.getByText("dataset.version.create").waitFor();
    await checkpoint("dataset-audit");
  });

  it("maps a CSV's columns in the format step, validates again, and offers the version as normalized JSONL", async () => {
    const { page } = browser;
    const name = `qa-${suffix}`;
    await page.goto(`/t/${tenantId}/p/${projectId}/datasets`);
    await page
      .getByRole("button", { name: t("datasetsPage.upload.open") })
      .first()
      .click();
    await wizard().getByLabel(t("datasetsPage.name")).fill(name);
    await next();
    await wizard()
      .locator("input[type=file]")
      .setInputFiles({
        name: "qa.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          'question,answer,source\r\n"What is 2+2?",4,math\r\n"Two lines, please","one\ntwo",poetry\r\n',
        ),
      });
    await expect
      .poll(() => wizard().getByRole("listitem").filter({ hasText: "qa.csv" }).textContent(), {
        timeout: STATE_TIMEOUT,
      })
      .toContain(t("datasetsPage.upload.status.done"));
    await next();
    // Read without a mapping: no shape, but the columns to map.
    await wizard().getByText(t("datasetsPage.formats.notRecognized")).waitFor({ timeout: STATE_TIMEOUT });
    await wizard()
      .getByText(t("datasetsPage.formats.columns", { columns: "question, answer, source" }))
      .waitFor();
    await checkpoint("wizard-format-unmapped");
    const choose = async (label: string, option: RegExp) => {
      await wizard().getByLabel(label).click();
      await page
        .locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter({ hasText: option })
        .click();
    };
    await choose(t("datasetsPage.formats.shape"), /\(prompt_completion\)$/);
    const add = wizard().getByRole("button", { name: t("datasetsPage.formats.add") });
    await add.click();
    await choose(t("datasetsPage.formats.targetOf", { n: 1 }), /^prompt$/);
    await choose(t("datasetsPage.formats.sourceOf", { n: 1 }), /^question$/);
    await add.click();
    await choose(t("datasetsPage.formats.targetOf", { n: 2 }), /^completion$/);
    await choose(t("datasetsPage.formats.sourceOf", { n: 2 }), /^answer$/);
    await wizard()
      .getByRole("button", { name: t("datasetsPage.formats.revalidate") })
      .click();
    await wizard()
      .getByText(t("datasetsPage.report.allValid", { rows: 2, format: "prompt_completion" }))
      .waitFor({ timeout: STATE_TIMEOUT });
    const preview = wizard().getByRole("table", { name: t("datasetsPage.formats.previewTable") });
    await preview
      .getByText(/"completion": "4"/)
      .first()
      .waitFor();
    await page.mouse.move(0, 0);
    await checkpoint("wizard-format-mapped");
    await next();
    await wizard().getByText("prompt ← question, completion ← answer").waitFor();
    await wizard()
      .getByRole("button", { name: exactly(t("datasetsPage.wizard.create")) })
      .click();
    await wizard()
      .getByText(t("datasetsPage.versionCreated", { number: 1, name }))
      .waitFor();
    await wizard()
      .getByRole("button", { name: exactly(t("datasetsPage.openVersion")) })
      .click();
    const drawer = page.getByRole("dialog", { name: t("datasetsPage.drawer.title", { number: 1 }) });
    await drawer.getByText("prompt ← question, completion ← answer").waitFor();
    await checkpoint("version-drawer-mapped");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      drawer.getByRole("link", { name: t("datasetsPage.drawer.downloadNormalized") }).click(),
    ]);
    const normalized = (await readFile((await download.path()) as string, "utf8")).trim().split("\n");
    expect(normalized.map((l) => JSON.parse(l))).toEqual([
      { prompt: "What is 2+2?", completion: "4" },
      { prompt: "Two lines, please", completion: "one\ntwo" },
    ]);
    await drawer.locator(".ant-drawer-close").click();
    await drawer.waitFor({ state: "hidden" });
  });

  it.each([
    {
      file: "alpaca.json",
      mimeType: "application/json",
      shape: "alpaca",
      container: "json",
      // LLaMA-Factory's documented Alpaca keys, as one JSON array.
      buffer: Buffer.from(
        JSON.stringify(
          [
            { instruction: "Route the ticket.", input: "My parcel is late.", output: "shipping" },
            { instruction: "Route the ticket.", input: "", output: "billing", system: "One word." },
          ],
          null,
          2,
        ),
      ),
      mapped: /"content": "Route the ticket\.\\nMy parcel is late\."/,
    },
    {
      file: "tools.jsonl",
      mimeType: "application/x-ndjson",
      shape: "sharegpt",
      container: "jsonl",
      // ShareGPT with a function call and its observation (LLaMA-Factory's roles).
      buffer: jsonl([
        JSON.stringify({
          conversations: [
            { from: "human", value: "Weather in Paris?" },
            { from: "function_call", value: '{"name": "weather", "arguments": {"city": "Paris"}}' },
            { from: "observation", value: '{"celsius": 18}' },
            { from: "gpt", value: "18 °C." },
          ],
          tools: '[{"name": "weather", "parameters": {"type": "object"}}]',
        }),
      ]),
      mapped: /"role": "tool"/,
    },
  ])(
    "recognizes $file as $shape, previews the mapped records and gets a version with token statistics",
    async ({ file, mimeType, shape, container, buffer, mapped }) => {
      const { page } = browser;
      const name = `${shape}-${suffix}`;
      await page.goto(`/t/${tenantId}/p/${projectId}/datasets`);
      await page
        .getByRole("button", { name: t("datasetsPage.upload.open") })
        .first()
        .click();
      await wizard().getByLabel(t("datasetsPage.name")).fill(name);
      await next();
      await wizard().locator("input[type=file]").setInputFiles({ name: file, mimeType, buffer });
      await expect
        .poll(() => wizard().getByRole("listitem").filter({ hasText: file }).textContent(), {
          timeout: STATE_TIMEOUT,
        })
        .toContain(t("datasetsPage.upload.status.done"));
      await next();
      await wizard()
        .getByText(
          t("datasetsPage.formats.recognized", {
            shape: t(`datasetsPage.formats.shapes.${shape}`),
            format: "chat",
          }),
        )
        .waitFor({ timeout: STATE_TIMEOUT });
      await wizard()
        .getByLabel(t("datasetsPage.formats.files"))
        .getByText(t(`datasetsPage.formats.containers.${container}`))
        .first()
        .waitFor();
      const preview = wizard().getByRole("table", { name: t("datasetsPage.formats.previewTable") });
      await preview.getByText(mapped).first().waitFor();
      await page.mouse.move(0, 0);
      await checkpoint(`wizard-format-${shape}`);
      await next();
      await wizard()
        .getByRole("button", { name: exactly(t("datasetsPage.wizard.create")) })
        .click();
      await wizard()
        .getByText(t("datasetsPage.versionCreated", { number: 1, name }))
        .waitFor();
      await wizard()
        .getByRole("button", { name: exactly(t("datasetsPage.openVersion")) })
        .click();
      const drawer = page.getByRole("dialog", { name: t("datasetsPage.drawer.title", { number: 1 }) });
      await drawer.getByTestId("tokens-total").waitFor();
      expect(
        Number((await drawer.getByTestId("tokens-total").textContent())?.replace(/\D/g, "")),
      ).toBeGreaterThan(0);
      await drawer.locator(".ant-drawer-close").click();
      await drawer.waitFor({ state: "hidden" });
    },
  );

  it("lists the dataset with its latest version id, rows and tokens", async () => {
    const { page } = browser;
    await page.goto(`/t/${tenantId}/p/${projectId}/datasets`);
    const row = page.getByRole("row").filter({ hasText: datasetName });
    await row.waitFor();
    expect(await row.textContent()).toContain("v2");
    expect(await row.textContent()).toContain("17");
    await checkpoint("datasets-list");
  });
});
