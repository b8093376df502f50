import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotter } from "./lib/artifacts";
import { seriousViolations, settled } from "./lib/axe";
import { type Browser, dialogAtRest, openBrowser, STATE_TIMEOUT } from "./lib/browser";
import { exactly, type Lang, translator } from "./lib/i18n";

const baseURL = inject("baseURL");
const adminEmail = inject("adminEmail");
const adminPassword = inject("adminPassword");

// The bundled support-routing example, cut to its first 128 records: with infera-tiny's recommended
// settings (2 epochs of batches of 16), 16 steps — a run of about ten seconds, long enough to watch.
const exampleFile = fileURLToPath(
  new URL("../../../packages/runtimes/assets/examples/support-routing/train.jsonl", import.meta.url),
);
const RECORDS = 128;
const examples = Buffer.from(
  `${readFileSync(exampleFile, "utf8").split("\n").filter(Boolean).slice(0, RECORDS).join("\n")}\n`,
);

/** How long a training run may take on a loaded 2-core machine (it takes seconds on an idle one). */
const RUN_TIMEOUT = 150_000;

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

interface Job {
  id: string;
  status: string;
  result_model_version_id: string | null;
  output_model_id: string | null;
  config: Record<string, unknown>;
  failure: {
    reason: string;
    suggestion: string | null;
    fix?: { patch: Record<string, unknown> } | null;
  } | null;
}

// A newcomer's fine-tuning journey (issue 10), in real Chromium against `infera up` training for real,
// once per language, each in a fresh profile; the failure path (out of memory → fix and clone) in English.
describe.each<Lang>(["zh-CN", "en-US"])("fine-tuning in the console in %s", (lang) => {
  const t = translator(lang);
  const shot = screenshotter(`fine-tuning-${lang}`);
  const suffix = `${lang === "zh-CN" ? "zh" : "en"}-${Date.now().toString(36)}`;
  const projectName = `ft-${suffix}`;
  const datasetName = `support-routing-${suffix}`;
  const jobName = `routing-lora-${suffix}`;
  const outputName = `routing-adapter-${suffix}`;
  let browser: Browser;
  let tenantId = "";
  let projectId = "";
  let jobId = "";

  async function checkpoint(step: string, page = browser.page) {
    await settled(page);
    await shot(page, step);
    expect.soft(await seriousViolations(page), `axe on ${step} (${lang})`).toEqual([]);
  }
  const base = () => `/t/${tenantId}/p/${projectId}`;
  const getJob = (id: string) =>
    apiCall<{ data: Job }>(browser.page, "GET", `/api/v1/fine-tuning/jobs/${id}`);
  /** Picks an option of an Ant Design select (its input, by the form field's id) by the option's text. */
  async function pick(combobox: ReturnType<Page["locator"]>, text: string | RegExp) {
    await combobox.click();
    await browser.page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: text })
      .first()
      .click();
  }
  const wizardNext = () =>
    browser.page
      .getByRole("button", { name: exactly(t("wizard.next")) })
      .first()
      .click();
  const stepShown = (key: string) => browser.page.locator(`[data-step=${key}]:not([hidden])`).waitFor();

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

  it("logs in and creates a project", async () => {
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

    await page.goto(`/t/${tenantId}/projects`);
    await page
      .getByRole("button", { name: t("projects.create") })
      .first()
      .click();
    const dialog = await dialogAtRest(page.getByRole("dialog", { name: t("projects.createTitle") }));
    await dialog.getByLabel(t("projects.name")).fill(projectName);
    await dialog.getByRole("button", { name: exactly(t("projects.reviewAndCreate")) }).click();
    const review = page.getByRole("dialog", { name: t("projects.reviewTitle") });
    await expect.poll(() => review.textContent(), { timeout: STATE_TIMEOUT }).toContain(projectName);
    await (await dialogAtRest(review))
      .getByRole("button", { name: exactly(t("dialogs.applyChanges")) })
      .click();
    // Not the review's own cell with the name: the dialog gone and the toast shown first.
    await review.waitFor({ state: "hidden" });
    await page
      .getByText(t("projects.created", { name: projectName }))
      .first()
      .waitFor();
    const find = async () =>
      (
        await apiCall<{ data: { id: string; name: string }[] }>(
          page,
          "GET",
          `/api/v1/tenants/${tenantId}/projects?limit=100`,
        )
      ).data.find((p) => p.name === projectName)?.id ?? "";
    await expect.poll(find, { timeout: STATE_TIMEOUT }).toMatch(/^proj_/);
    projectId = await find();
    await checkpoint("project-created");
  });

  it("uploads the bundled support-routing example through the datasets wizard", async () => {
    const { page } = browser;
    await page.goto(`${base()}/datasets`);
    await page
      .getByRole("button", { name: t("datasetsPage.upload.open") })
      .first()
      .click();
    const wizard = page.getByRole("dialog").filter({ has: page.locator(".ant-steps, .ant-result") });
    await wizard.getByLabel(t("datasetsPage.name")).fill(datasetName);
    await wizard.getByRole("button", { name: exactly(t("wizard.next")) }).click();
    await wizard
      .locator("input[type=file]")
      .setInputFiles({ name: "train.jsonl", mimeType: "application/x-ndjson", buffer: examples });
    const item = wizard.getByRole("listitem").filter({ hasText: "train.jsonl" });
    await expect
      .poll(() => item.textContent(), { timeout: STATE_TIMEOUT })
      .toContain(t("datasetsPage.upload.status.done"));
    await wizard.getByRole("button", { name: exactly(t("wizard.next")) }).click();
    await wizard
      .getByText(t("datasetsPage.report.allValid", { rows: RECORDS, format: "chat" }))
      .waitFor({ timeout: STATE_TIMEOUT });
    await checkpoint("dataset-valid");
    await wizard.getByRole("button", { name: exactly(t("wizard.next")) }).click();
    await wizard.getByRole("button", { name: exactly(t("datasetsPage.wizard.create")) }).click();
    await wizard.getByText(t("datasetsPage.versionCreated", { number: 1, name: datasetName })).waitFor();
    await checkpoint("dataset-created");
    await wizard.locator(".ant-modal-close").first().click();
    await wizard.waitFor({ state: "hidden" });
  });

  it("creates a LoRA job on infera-tiny through the wizard: base, data, configuration, resources, review", async () => {
    const { page } = browser;
    await page.goto(`${base()}/fine-tuning`);
    await page.getByText(t("fineTuningPage.empty")).waitFor();
    await checkpoint("jobs-empty");
    await page
      .getByRole("button", { name: t("fineTuningPage.create") })
      .first()
      .click();
    await page.waitForURL(/\/fine-tuning\/new$/);
    await page.getByRole("heading", { name: t("fineTuningPage.wizard.title") }).waitFor();

    // Base model: the bundled system model, its latest tag resolved with its metadata.
    await page.getByLabel(t("fineTuningPage.field.name")).fill(jobName);
    await pick(page.locator("input#model_id"), /^infera-tiny$/);
    const resolved = page.getByRole("region", { name: t("fineTuningPage.wizard.resolvedVersion") });
    await resolved.getByText(/mv_/).first().waitFor();
    // The version's own recommendations fill the configuration step.
    await page.getByText(t("fineTuningPage.wizard.recommendationApplied")).waitFor();
    await checkpoint("wizard-base");
    await wizardNext();

    // Data: the version just uploaded.
    await stepShown("data");
    await pick(page.locator("input#dataset_id"), datasetName);
    await pick(
      page.locator("input#dataset_version_id"),
      t("fineTuningPage.wizard.versionOption", { number: 1, rows: RECORDS }),
    );
    await page.getByRole("region", { name: t("fineTuningPage.wizard.datasetSummary") }).waitFor();
    await checkpoint("wizard-data");
    await wizardNext();

    // Configuration: LoRA as the base version recommends it, and a name for the output model.
    await stepShown("config");
    expect(await page.getByLabel(t("fineTuningPage.field.epochs")).inputValue()).toBe("2");
    await page.getByLabel(t("fineTuningPage.field.output_model_name")).fill(outputName);
    expect(await page.getByLabel(t("fineTuningPage.field.lora_rank")).inputValue()).toBe("8");
    await checkpoint("wizard-config");
    await wizardNext();

    await stepShown("resources");
    await checkpoint("wizard-resources");
    await wizardNext();

    await stepShown("__review");
    await expect.poll(() => page.locator("[data-step=__review]").textContent()).toContain(outputName);
    await checkpoint("wizard-review");
    await page.getByRole("button", { name: exactly(t("fineTuningPage.wizard.submit")) }).click();
    await page.waitForURL(/\/fine-tuning\/ftj_/);
    jobId = new URL(page.url()).pathname.split("/").pop() ?? "";
    expect(jobId).toMatch(/^ftj_/);
    const job = (await getJob(jobId)).data;
    expect(job.config).toMatchObject({
      method: "lora",
      epochs: 2,
      batch_size: 16,
      lora: { rank: 8 },
      output: { model_name: outputName },
    });
  });

  it("follows the run live: progress on Overview, the loss chart filling on Metrics, then Succeeded", async () => {
    const { page } = browser;
    expect(jobId, "the job the wizard created").toMatch(/^ftj_/);
    await page.getByRole("heading", { name: jobName, level: 1 }).waitFor();
    await checkpoint("job-submitted");
    // The Metrics tab reads the event log, then follows it live: the loss series gets its points.
    await page.getByRole("tab", { name: t("fineTuningPage.tabs.metrics") }).click();
    const metrics = page.locator("[data-run-data=metrics]");
    await metrics.waitFor({ timeout: RUN_TIMEOUT });
    await metrics.getByRole("img", { name: t("fineTuningPage.runData.metrics.loss") }).waitFor();
    const latest = metrics.getByText(/^Step \d+ · loss /);
    await latest.waitFor();
    await expect.poll(() => metrics.locator("svg path").count()).toBeGreaterThan(0);
    // A few points in, unless the run is already over.
    const latestStep = async () => Number((await latest.textContent())?.match(/Step (\d+)/)?.[1] ?? 0);
    await expect
      .poll(async () => (await latestStep()) >= 4 || (await getJob(jobId)).data.status !== "running", {
        timeout: RUN_TIMEOUT,
      })
      .toBe(true);
    // Shot at once: while the run goes on, the tab says it follows it live.
    const running = (await getJob(jobId)).data.status === "running";
    if (running) await metrics.getByText(t("fineTuningPage.runData.metrics.live"), { exact: true }).waitFor();
    await shot(page, running ? "metrics-mid-run" : "metrics");

    await expect
      .poll(async () => (await getJob(jobId)).data.status, { timeout: RUN_TIMEOUT, interval: 1_000 })
      .toBe("succeeded");
    // The page hears of the end from the event stream (or its next read) and says so.
    await page.locator("[data-status=succeeded]").first().waitFor({ timeout: STATE_TIMEOUT });
    await page.getByRole("tab", { name: t("fineTuningPage.tabs.overview") }).click();
    const timeline = page.getByRole("region", { name: t("fineTuningPage.timeline.title") });
    await timeline.locator("[data-seq]").last().waitFor();
    // Each state that ended says how long it lasted.
    expect(
      await timeline.getByText(new RegExp(t("fineTuningPage.timeline.lasted", { duration: "" }))).count(),
    ).toBeGreaterThanOrEqual(2);
    await checkpoint("overview-succeeded");
  });

  it("shows the result version in Artifacts and opens it on the model's page (source: fine-tune)", async () => {
    const { page } = browser;
    expect(jobId, "the job the wizard created").toMatch(/^ftj_/);
    const job = (await getJob(jobId)).data;
    const versionId = job.result_model_version_id ?? "";
    expect(versionId).toMatch(/^mv_/);
    await page.getByRole("tab", { name: t("fineTuningPage.tabs.artifacts") }).click();
    const artifacts = page.locator("[data-run-data=artifacts]");
    const link = artifacts.getByRole("link", { name: t("fineTuningPage.runData.artifacts.openVersion") });
    await link.waitFor();
    expect(await link.getAttribute("href")).toContain(versionId);
    await artifacts.getByRole("link", { name: outputName }).waitFor();
    await checkpoint("artifacts");
    await link.click();
    await page.waitForURL(new RegExp(`/models/${job.output_model_id}\\?.*version=${versionId}`));
    const drawer = page.getByRole("dialog", { name: t("modelsPage.version.drawerTitle", { id: versionId }) });
    await expect
      .poll(() => drawer.textContent(), { timeout: STATE_TIMEOUT })
      .toContain(t("modelsPage.source.fine_tune"));
    expect(await drawer.textContent()).toContain(t("modelsPage.version.sourceJob"));
    await checkpoint("model-version-from-job");
  });

  it("lists the job's creation in its Audit tab", async () => {
    const { page } = browser;
    expect(jobId, "the job the wizard created").toMatch(/^ftj_/);
    await page.goto(`${base()}/fine-tuning/${jobId}?tab=audit`);
    const audit = page.getByRole("region", { name: t("fineTuningPage.audit.title") });
    await audit.getByText("fine_tuning.job.create", { exact: true }).waitFor();
    await audit.getByText("fine_tuning.job.succeed", { exact: true }).waitFor();
    await checkpoint("job-audit");
    // And the list shows the job as succeeded.
    await page.goto(`${base()}/fine-tuning`);
    await page.getByRole("link", { name: jobName }).waitFor();
    await page.locator("[data-status=succeeded]").first().waitFor();
    await checkpoint("jobs-list");
  });

  it.runIf(lang === "en-US")(
    "a job past its resource class's memory fails out_of_memory; Fix and clone queues the fixed job",
    async () => {
      const { page } = browser;
      expect(jobId, "the job the wizard created").toMatch(/^ftj_/);
      const className = `tiny-512m-${suffix}`;
      await apiCall(page, "POST", "/api/v1/admin/resource-classes", {
        name: className,
        cpus: 2,
        memory_bytes: 512 * 1024 ** 2,
      });
      const source = (await getJob(jobId)).data;
      // Batch 64 of these records needs more than the 85% of 512 MiB the runtime may use.
      const created = await apiCall<{ data: Job }>(
        page,
        "POST",
        `/api/v1/projects/${projectId}/fine-tuning/jobs`,
        {
          name: `routing-oom-${suffix}`,
          base_model: source.config.base_model,
          dataset_version_id: source.config.dataset_version_id,
          epochs: 1,
          batch_size: 64,
          max_length: 128,
          resource_class: className,
          output: { model_name: `routing-oom-${suffix}` },
        },
      );
      const failedId = created.data.id;
      await page.goto(`${base()}/fine-tuning/${failedId}`);
      await expect
        .poll(async () => (await getJob(failedId)).data.status, { timeout: RUN_TIMEOUT, interval: 1_000 })
        .toBe("failed");
      const failed = (await getJob(failedId)).data;
      expect(failed.failure?.reason).toBe("out_of_memory");
      expect(failed.failure?.fix?.patch).toEqual({ batch_size: 32, gradient_accumulation_steps: 2 });
      const alert = page.getByRole("alert").filter({
        hasText: t("fineTuningPage.failure.title", {
          reason: t("fineTuningPage.failure.reason.out_of_memory"),
        }),
      });
      await alert.waitFor({ timeout: STATE_TIMEOUT });
      expect(await alert.textContent()).toContain(failed.failure?.suggestion ?? "");
      expect(await alert.getByTestId("failure-fix").textContent()).toContain("batch_size 64 → 32");
      await checkpoint("failed-out-of-memory");

      // The button's name starts with its icon's.
      await alert.getByRole("button", { name: t("fineTuningPage.fix.button") }).click();
      const dialog = page.getByRole("dialog", {
        name: t("fineTuningPage.fix.title", { name: `routing-oom-${suffix}` }),
      });
      const changes = dialog.getByRole("table", { name: t("fineTuningPage.fix.changes") });
      await expect.poll(() => changes.locator("tr[data-field]").count()).toBe(2);
      expect(await changes.locator("tr[data-field=batch_size]").textContent()).toMatch(/64.*→ 32/);
      await checkpoint("fix-and-clone-dialog");
      await dialog.getByRole("button", { name: exactly(t("fineTuningPage.fix.submit")) }).click();
      await page.waitForURL(
        (url) => /\/fine-tuning\/ftj_/.test(url.pathname) && !url.pathname.endsWith(failedId),
      );
      const cloneId = new URL(page.url()).pathname.split("/").pop() ?? "";
      const clone = (await getJob(cloneId)).data;
      expect(clone.config).toMatchObject({
        batch_size: 32,
        gradient_accumulation_steps: 2,
        resource_class: className,
      });
      await page
        .getByText(t("fineTuningPage.done.fixed", { name: `routing-oom-${suffix}` }))
        .first()
        .waitFor();
      await checkpoint("fixed-clone");
      // Its run is not this test's business: stop it so the suites after this one get the cores.
      const now = (await getJob(cloneId)).data.status;
      if (["queued", "starting", "running"].includes(now))
        await apiCall(page, "POST", `/api/v1/fine-tuning/jobs/${cloneId}/cancel`).catch(() => {});
    },
  );
});
