import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotter } from "./lib/artifacts";
import { seriousViolations, settled } from "./lib/axe";
import { type Browser, openBrowser, STATE_TIMEOUT } from "./lib/browser";
import { exactly, type Lang, translator } from "./lib/i18n";

const baseURL = inject("baseURL");
const adminEmail = inject("adminEmail");
const adminPassword = inject("adminPassword");

/** How long an infera-serve replica of infera-tiny may take to become ready on a loaded 2-core machine. */
const READY_TIMEOUT = 180_000;

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

/** Text stored through the page's session the way the console uploads (one tus creation request). */
async function uploadText(page: Page, projectId: string, text: string, filename: string): Promise<string> {
  return page.evaluate(
    async ({ projectId, text, filename }) => {
      const b64 = (v: string) => btoa(unescape(encodeURIComponent(v)));
      const body = new TextEncoder().encode(text);
      const res = await fetch("/api/v1/uploads", {
        method: "POST",
        headers: {
          "Tus-Resumable": "1.0.0",
          "Upload-Length": String(body.length),
          "Upload-Metadata": `project_id ${b64(projectId)},filename ${b64(filename)}`,
          "Content-Type": "application/offset+octet-stream",
          "X-CSRF-Token": sessionStorage.getItem("infera.csrf") ?? "",
        },
        body,
      });
      const json = await res.json();
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${JSON.stringify(json)}`);
      return json.data.sha256 as string;
    },
    { projectId, text, filename },
  );
}

/** Tickets routed to teams: what a LoRA adapter of infera-tiny learns in a few steps. */
function ticketsJsonl(n: number): string {
  const teams = ["billing", "shipping", "account", "refund"];
  let out = "";
  for (let i = 0; i < n; i++)
    out += `${JSON.stringify({
      messages: [
        { role: "user", content: `Which team handles ticket ${i} about ${teams[i % 4]}?` },
        { role: "assistant", content: teams[i % 4] },
      ],
    })}\n`;
  return out;
}

/** A resource class of one CPU, so that two replicas of infera-tiny fit side by side on a 2-core machine. */
const ONE_CPU_CLASS = "e2e-cpu-1";

interface Revision {
  id: string;
  number: number;
  current_state: string;
  traffic_percent: number;
  config: {
    model: { version_id: string };
    runtime: { context_size?: number | null; threads?: number | null };
    autoscaling: { min_replicas: number; scale_to_zero: boolean };
  };
}
interface Service {
  id: string;
  replicas?: { state: string }[];
  name: string;
  desired_state: string;
  revisions: Revision[];
}

// The inference-service journey (issue 11) in real Chromium against `infera up`, whose replica manager
// starts real infera-serve replicas of the bundled infera-tiny: create through the six-step wizard, watch
// revision 1 become ready, deploy a canary of a fine-tuned LoRA adapter, split traffic 50/50 with both
// revisions running side by side (answering the same prompt in the playground), roll back, scale to
// zero and wake it with a call, read the logs and metrics, stop.
describe.each<Lang>(["zh-CN", "en-US"])("inference services in the console in %s", (lang) => {
  const t = translator(lang);
  const shot = screenshotter(`services-${lang}`);
  const suffix = `${lang === "zh-CN" ? "zh" : "en"}-${Date.now().toString(36)}`;
  const projectName = `svc-${suffix}`;
  const serviceName = `tiny-chat-${suffix}`;
  let browser: Browser;
  let tenantId = "";
  let projectId = "";
  let serviceId = "";
  let adapterVersionId = "";

  async function checkpoint(step: string, page = browser.page) {
    await settled(page);
    await shot(page, step);
    expect.soft(await seriousViolations(page), `axe on ${step} (${lang})`).toEqual([]);
  }
  const base = () => `/t/${tenantId}/p/${projectId}`;
  const getService = async () =>
    (await apiCall<{ data: Service }>(browser.page, "GET", `/api/v1/services/${serviceId}`)).data;
  const revision = async (n: number) => (await getService()).revisions.find((r) => r.number === n);
  /** Picks an option of an Ant Design select by the option's text. */
  async function pick(combobox: ReturnType<Page["locator"]>, text: string | RegExp) {
    await combobox.click();
    await browser.page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: text })
      .first()
      .click();
  }
  const wizardNext = (scope: Page | ReturnType<Page["locator"]> = browser.page) =>
    scope
      .getByRole("button", { name: exactly(t("wizard.next")) })
      .first()
      .click();
  const stepShown = (key: string) => browser.page.locator(`[data-step=${key}]:not([hidden])`).waitFor();
  const tab = (key: string) =>
    browser.page.getByRole("tab", { name: t(`serviceDetail.tabs.${key}`), exact: true }).click();
  const revisionsTable = () =>
    browser.page
      .getByRole("table", { name: t("serviceDetail.revisions.title") })
      .or(browser.page.locator(`[aria-label="${t("serviceDetail.revisions.title")}"]`));

  beforeAll(async () => {
    browser = await openBrowser({ locale: lang, baseURL });
  });
  afterEach(async ({ task }) => {
    if ((task.result?.state === "fail" || task.result?.errors?.length) && browser)
      await shot(browser.page, "failed").catch(() => {});
  });
  afterAll(async () => {
    // Whatever happened, the replicas must not keep running during the files after this one.
    if (serviceId && browser)
      await apiCall(browser.page, "POST", `/api/v1/services/${serviceId}/stop`).catch(() => {});
    await browser?.close();
  });

  it("logs in; a fresh project shows the services empty state", async () => {
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
    // The project is not this journey's subject (console-flow covers its dialog): made through the API.
    projectId = (
      await apiCall<{ data: { id: string } }>(page, "POST", `/api/v1/tenants/${tenantId}/projects`, {
        name: projectName,
        env: "dev",
      })
    ).data.id;
    expect(projectId).toMatch(/^proj_/);

    // Set-up that is not this journey's subject, through the API: a one-CPU resource class (the
    // platform admin's; the second language finds it there), and a LoRA adapter of infera-tiny to
    // deploy as the canary — trained now, before any replica holds the node's CPUs.
    await apiCall(page, "POST", "/api/v1/admin/resource-classes", {
      name: ONE_CPU_CLASS,
      display_name: "E2E 1 CPU",
      cpus: 1,
      memory_bytes: 1024 ** 3,
    }).catch((err: Error) => {
      if (!/409/.test(err.message)) throw err;
    });
    const models = await apiCall<{ data: { id: string; name: string }[] }>(
      page,
      "GET",
      `/api/v1/projects/${projectId}/models?scope=system`,
    );
    const tiny = models.data.find((m) => m.name === "infera-tiny")!;
    const dataset = await apiCall<{ data: { id: string } }>(
      page,
      "POST",
      `/api/v1/projects/${projectId}/datasets`,
      {
        name: `tickets-${suffix}`,
      },
    );
    const sha256 = await uploadText(page, projectId, ticketsJsonl(16), "tickets.jsonl");
    const version = await apiCall<{ data: { id: string } }>(
      page,
      "POST",
      `/api/v1/datasets/${dataset.data.id}/versions`,
      { files: [{ sha256, name: "tickets.jsonl" }] },
    );
    const job = await apiCall<{ data: { id: string } }>(
      page,
      "POST",
      `/api/v1/projects/${projectId}/fine-tuning/jobs`,
      {
        base_model: { model_id: tiny.id },
        dataset_version_id: version.data.id,
        validation_split: 0,
        epochs: 1,
        batch_size: 4,
        max_length: 48,
        output: { model_name: `tickets-adapter-${suffix}` },
      },
    );
    await expect
      .poll(
        async () => {
          const j = (
            await apiCall<{ data: { status: string; result_model_version_id: string | null } }>(
              page,
              "GET",
              `/api/v1/fine-tuning/jobs/${job.data.id}`,
            )
          ).data;
          if (j.status === "failed" || j.status === "canceled")
            throw new Error(`the adapter's job ${j.status}`);
          adapterVersionId = j.result_model_version_id ?? "";
          return j.status;
        },
        { timeout: READY_TIMEOUT, interval: 1_000 },
      )
      .toBe("succeeded");
    expect(adapterVersionId).toMatch(/^mv_/);

    await page.goto(`${base()}/services`);
    await page.getByText(t("servicesPage.empty")).first().waitFor();
    await checkpoint("services-empty");
  });

  it("creates a service through the six-step wizard: infera-tiny, llama.cpp with a small context", async () => {
    const { page } = browser;
    await page
      .getByRole("button", { name: t("servicesPage.create") })
      .first()
      .click();
    await page.waitForURL(/\/services\/new/);
    await page.getByRole("heading", { name: t("serviceWizard.title") }).waitFor();

    await stepShown("basics");
    await page.getByLabel(t("serviceWizard.field.name"), { exact: true }).fill(serviceName);
    await checkpoint("wizard-basics");
    await wizardNext();

    // Model: the bundled system model, its latest tag resolved to a version id.
    await stepShown("model");
    await pick(page.locator("input#model_id"), /^infera-tiny$/);
    const resolved = page.getByRole("region", { name: t("serviceWizard.resolvedVersion") });
    await resolved.getByText(/mv_/).first().waitFor();
    await checkpoint("wizard-model");
    await wizardNext();

    // Runtime: llama.cpp (the default), a small context and one thread so the replica starts fast.
    await stepShown("runtime");
    expect(await page.locator("[data-step=runtime] input[type=radio]:checked").count()).toBe(1);
    await page.locator("input#context_size").fill("256");
    await page.locator("input#threads").fill("1");
    await checkpoint("wizard-runtime");
    await wizardNext();

    await stepShown("resources");
    await pick(page.locator("input#resource_class"), /E2E 1 CPU/);
    await page.getByLabel(t("serviceWizard.resources.cost")).waitFor();
    await checkpoint("wizard-resources");
    await wizardNext();

    await stepShown("autoscaling");
    expect(await page.locator("input#min_replicas").inputValue()).toBe("1");
    await checkpoint("wizard-autoscaling");
    await wizardNext();

    await stepShown("__review");
    const summary = page.getByRole("region", { name: t("serviceWizard.summary") });
    await expect.poll(() => summary.textContent()).toContain(serviceName);
    expect(await summary.textContent()).toContain(t("serviceWizard.review.revisionOne"));
    await checkpoint("wizard-review");
    await page.getByRole("button", { name: exactly(t("serviceWizard.submit")) }).click();
    await page.waitForURL(/\/services\/svc_/);
    serviceId = new URL(page.url()).pathname.split("/").pop() ?? "";
    expect(serviceId).toMatch(/^svc_/);
    const rev1 = await revision(1);
    expect(rev1?.config.runtime).toMatchObject({ context_size: 256, threads: 1 });
    expect(rev1?.traffic_percent).toBe(100);
  });

  it("follows revision 1 to ready on the state stepper, each earlier step with how long it lasted", async () => {
    const { page } = browser;
    expect(serviceId, "the service the wizard created").toMatch(/^svc_/);
    await page.getByRole("heading", { name: serviceName, level: 1 }).waitFor();
    await expect
      .poll(async () => (await revision(1))?.current_state, { timeout: READY_TIMEOUT, interval: 1_000 })
      .toBe("ready");
    const stepper = page.getByRole("region", { name: t("serviceDetail.stepper.title", { number: 1 }) });
    // The page hears of it from its next read.
    await stepper.locator(".ant-steps-item-finish, .ant-steps-item-process").last().waitFor();
    await expect
      .poll(() => stepper.locator("[data-step=ready]").textContent(), { timeout: STATE_TIMEOUT })
      .not.toContain(t("serviceDetail.stepper.notYet"));
    const lasted = new RegExp(t("serviceDetail.stepper.lasted", { duration: "" }).trim());
    for (const step of ["pending", "downloading", "starting"])
      expect(await stepper.locator(`[data-step=${step}]`).textContent(), step).toMatch(lasted);
    await checkpoint("revision-1-ready");
  });

  it("deploys a canary of the fine-tuned adapter from Settings → Edit: the diff, 10% to revision 2", async () => {
    const { page } = browser;
    expect(serviceId, "the service the wizard created").toMatch(/^svc_/);
    await tab("settings");
    await page.getByRole("button", { name: exactly(t("serviceDetail.settings.edit")) }).click();
    const dialog = page.getByRole("dialog", { name: t("serviceDetail.deploy.title", { name: serviceName }) });
    await dialog.getByRole("radio", { name: t("serviceDetail.deploy.byVersion") }).check();
    await dialog.getByRole("textbox", { name: t("serviceDetail.deploy.versionId") }).fill(adapterVersionId);
    await dialog.getByLabel(t("serviceDetail.deploy.contextSize")).fill("512");
    await wizardNext(dialog);
    const diff = dialog.getByRole("region", { name: t("serviceDetail.deploy.diffTitle", { number: 1 }) });
    await expect.poll(() => diff.textContent()).toContain("512");
    expect(await diff.textContent()).toContain(adapterVersionId);
    await dialog.getByRole("radio", { name: new RegExp(`^${t("serviceDetail.strategy.canary")}`) }).check();
    const weight = dialog.getByLabel(t("serviceDetail.deploy.weight"));
    await weight.fill("10");
    await expect.poll(() => dialog.getByTestId("canary-preview").textContent()).toContain("10%");
    await checkpoint("deploy-canary-review");
    await dialog.getByRole("button", { name: exactly(t("serviceDetail.deploy.submit")) }).click();
    await page
      .getByText(t("serviceDetail.done.deployed", { name: serviceName, number: 2 }))
      .first()
      .waitFor();
    const rev2 = await revision(2);
    expect(rev2?.traffic_percent).toBe(10);
    expect(rev2?.config.runtime.context_size).toBe(512);
    expect(rev2?.config.model).toMatchObject({ version_id: adapterVersionId });
    expect((await revision(1))?.traffic_percent).toBe(90);

    await tab("revisions");
    const row = revisionsTable()
      .locator("tr")
      .filter({ hasText: t("serviceDetail.revisionNumber", { number: 2 }) });
    await expect.poll(() => row.first().textContent(), { timeout: STATE_TIMEOUT }).toContain("10%");
    await checkpoint("revisions-canary");
  });

  it("edits the traffic to 50/50, confirming the split before and after", async () => {
    const { page } = browser;
    expect(serviceId, "the service the wizard created").toMatch(/^svc_/);
    await page.getByRole("button", { name: exactly(t("serviceDetail.actions.editTraffic")) }).click();
    const editor = page.getByRole("dialog", {
      name: t("serviceDetail.traffic.title", { name: serviceName }),
    });
    for (const n of [1, 2])
      await editor.getByLabel(t("serviceDetail.traffic.weightOf", { number: n }), { exact: true }).fill("50");
    await expect
      .poll(() => editor.getByTestId("traffic-sum").textContent())
      .toBe(t("serviceDetail.traffic.sum", { sum: 100 }));
    await editor.getByRole("button", { name: exactly(t("serviceDetail.traffic.review")) }).click();
    const confirm = page.getByRole("dialog", {
      name: t("serviceDetail.traffic.confirmTitle", { name: serviceName }),
    });
    const rows = confirm.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/10%.*50%/);
    expect(await rows.last().textContent()).toMatch(/90%.*50%/);
    await checkpoint("traffic-confirm");
    await confirm.getByRole("button", { name: exactly(t("serviceDetail.traffic.apply")) }).click();
    await page
      .getByText(t("serviceDetail.done.traffic", { name: serviceName }))
      .first()
      .waitFor();
    expect((await revision(1))?.traffic_percent).toBe(50);
    expect((await revision(2))?.traffic_percent).toBe(50);
    const row = revisionsTable()
      .locator("tr")
      .filter({ hasText: t("serviceDetail.revisionNumber", { number: 1 }) });
    await expect.poll(() => row.first().textContent(), { timeout: STATE_TIMEOUT }).toContain("50%");
    await checkpoint("revisions-50-50");
  });

  it("runs both revisions side by side: each ready with its own replica, both answering the same prompt in the playground", async () => {
    const { page } = browser;
    expect(serviceId, "the service the wizard created").toMatch(/^svc_/);
    // Two one-CPU replicas fit on the 2-core node: revision 2 (the adapter) starts beside revision 1.
    await expect
      .poll(async () => (await revision(2))?.current_state, { timeout: READY_TIMEOUT, interval: 1_000 })
      .toBe("ready");
    expect((await revision(1))?.current_state).toBe("ready");
    for (const n of [1, 2]) {
      const row = revisionsTable()
        .locator("tr")
        .filter({ hasText: t("serviceDetail.revisionNumber", { number: n }) });
      await expect.poll(() => row.first().textContent(), { timeout: STATE_TIMEOUT }).toContain("50%");
    }
    await checkpoint("both-revisions-ready");

    await tab("playground");
    await page.locator("#playground-compare").click();
    await pick(
      page.locator("input#playground-revision"),
      t("playground.revisionOption", { number: 1, percent: 50 }),
    );
    // The first list closes (animated) before the second opens: pick from the one that is open.
    await expect.poll(() => page.locator(".ant-select-dropdown:visible").count()).toBe(0);
    await pick(
      page.locator("input#playground-other"),
      t("playground.revisionOption", { number: 2, percent: 50 }),
    );
    await page.getByLabel(t("playground.prompt")).fill("Which team handles ticket 7 about refund?");
    await page.getByRole("button", { name: t("playground.send") }).click();
    for (const n of [1, 2]) {
      const column = page.getByRole("region", {
        name: t("playground.conversation", {
          title: t("playground.revisionOption", { number: n, percent: 50 }),
        }),
      });
      await expect
        .poll(
          async () =>
            ((await column.locator("[data-role=assistant]").last().textContent()) ?? "").trim().length,
          {
            timeout: STATE_TIMEOUT,
          },
        )
        .toBeGreaterThan(0);
    }
    await checkpoint("playground-side-by-side");
    await tab("revisions");
  });

  it("rolls back to revision 1, which takes 100%", async () => {
    const { page } = browser;
    expect(serviceId, "the service the wizard created").toMatch(/^svc_/);
    await page.getByRole("button", { name: exactly(t("serviceDetail.actions.rollback")) }).click();
    const dialog = page.getByRole("dialog", {
      name: t("serviceDetail.rollback.title", { name: serviceName }),
    });
    await pick(
      dialog.locator("input#service-rollback-revision"),
      new RegExp(`^${t("serviceDetail.revisionNumber", { number: 1 })} · `),
    );
    await expect
      .poll(() => dialog.getByTestId("rollback-effect").textContent())
      .toContain(`${t("serviceDetail.revisionNumber", { number: 1 })} 100%`);
    await checkpoint("rollback-dialog");
    await dialog.getByRole("button", { name: exactly(t("serviceDetail.rollback.ok")) }).click();
    await page
      .getByText(t("serviceDetail.done.rolledBack", { name: serviceName, number: 1 }))
      .first()
      .waitFor();
    expect((await revision(1))?.traffic_percent).toBe(100);
    expect((await revision(2))?.traffic_percent).toBe(0);
    const row = revisionsTable()
      .locator("tr")
      .filter({ hasText: t("serviceDetail.revisionNumber", { number: 1 }) });
    await expect.poll(() => row.first().textContent(), { timeout: STATE_TIMEOUT }).toContain("100%");
    await checkpoint("rolled-back");
  });

  it("scales to zero when idle and wakes on a playground call (a cold start held by the gateway)", async () => {
    const { page } = browser;
    expect(serviceId, "the service the wizard created").toMatch(/^svc_/);
    await tab("settings");
    await page.getByRole("button", { name: exactly(t("serviceDetail.settings.edit")) }).click();
    const dialog = page.getByRole("dialog", { name: t("serviceDetail.deploy.title", { name: serviceName }) });
    await dialog.getByLabel(t("serviceDetail.overview.minReplicas")).fill("0");
    await dialog.getByLabel(t("serviceDetail.overview.scaleDownDelay")).fill("0");
    await wizardNext(dialog);
    await dialog.getByRole("radio", { name: new RegExp(`^${t("serviceDetail.strategy.full")}`) }).check();
    await checkpoint("deploy-scale-to-zero");
    await dialog.getByRole("button", { name: exactly(t("serviceDetail.deploy.submit")) }).click();
    await page
      .getByText(t("serviceDetail.done.deployed", { name: serviceName, number: 3 }))
      .first()
      .waitFor();
    expect((await revision(3))?.config.autoscaling).toMatchObject({ min_replicas: 0, scale_to_zero: true });
    // Revision 3 takes over (no gap: it starts, then the others stop), then scales to zero when idle.
    await expect
      .poll(
        async () => {
          const s = await getService();
          const r3 = s.revisions.find((r) => r.number === 3);
          return `${r3?.traffic_percent} ${r3?.current_state}`;
        },
        { timeout: READY_TIMEOUT, interval: 1_000 },
      )
      .toBe("100 inactive");
    await tab("overview");
    const events = page.getByRole("region", { name: t("serviceDetail.events.title") });
    await expect
      .poll(
        async () => {
          await tab("revisions");
          await tab("overview");
          return events.textContent();
        },
        { timeout: STATE_TIMEOUT, intervals: [2_000] },
      )
      .toContain(t("serviceDetail.events.type.scaled_to_zero"));
    await checkpoint("scaled-to-zero");

    // A call wakes it: the playground's revision at zero is callable, the gateway holds the call.
    await page.reload();
    await page.getByRole("heading", { name: serviceName, level: 1 }).waitFor();
    await tab("playground");
    await page.getByLabel(t("playground.prompt")).fill("Which team handles ticket 3 about account?");
    await page.getByRole("button", { name: t("playground.send") }).click();
    await expect
      .poll(
        async () => ((await page.locator("[data-role=assistant]").last().textContent()) ?? "").trim().length,
        {
          timeout: READY_TIMEOUT,
        },
      )
      .toBeGreaterThan(0);
    await checkpoint("cold-start-answered");
    await tab("overview");
    await expect
      .poll(
        async () => {
          await tab("revisions");
          await tab("overview");
          return events.textContent();
        },
        { timeout: STATE_TIMEOUT, intervals: [2_000] },
      )
      .toContain(t("serviceDetail.events.type.cold_start"));
  });

  it("shows the replicas' log lines on Logs and renders Metrics", async () => {
    const { page } = browser;
    expect(serviceId, "the service the wizard created").toMatch(/^svc_/);
    await tab("logs");
    const lines = page.locator("[data-seq]");
    // The reconcile pass ships replica output every few seconds; the tab follows it live.
    await expect
      .poll(
        async () => {
          if ((await lines.count()) === 0) {
            await tab("metrics");
            await tab("logs");
          }
          return lines.count();
        },
        { timeout: READY_TIMEOUT, intervals: [3_000] },
      )
      .toBeGreaterThan(0);
    expect(await lines.first().textContent()).toMatch(
      new RegExp(t("serviceLogs.revisionN", { number: "\\d+" })),
    );
    await checkpoint("logs");
    await tab("metrics");
    await page.getByText(t("serviceMetrics.window")).first().waitFor();
    await checkpoint("metrics");
  });

  it("stops the service with the desired-state switch, after a confirmation", async () => {
    const { page } = browser;
    expect(serviceId, "the service the wizard created").toMatch(/^svc_/);
    await page.getByRole("switch", { name: t("serviceDetail.desiredState") }).click();
    const dialog = page.getByRole("dialog", { name: t("serviceDetail.stop.title", { name: serviceName }) });
    await dialog.getByRole("button", { name: exactly(t("serviceDetail.stop.ok")) }).click();
    await page
      .getByText(t("serviceDetail.done.stopped", { name: serviceName }))
      .first()
      .waitFor();
    expect((await getService()).desired_state).toBe("inactive");
    // The revision goes inactive on the reconcile pass after its last replica stopped.
    await expect
      .poll(async () => (await revision(3))?.current_state, { timeout: READY_TIMEOUT, interval: 1_000 })
      .toBe("inactive");
    await page
      .getByRole("region", { name: t("serviceDetail.stepper.title", { number: 3 }) })
      .getByText(t("serviceDetail.stepper.inactive"))
      .waitFor({ timeout: STATE_TIMEOUT });
    await checkpoint("stopped");
  });
});
