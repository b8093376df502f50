import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { findDialog } from "../../../test/dialogs";
import { fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { applyFix } from "../api";
import { JobDetailPage } from "../pages/job-detail-page";
import { JobsPage } from "../pages/jobs-page";
import { NewJobPage } from "../pages/new-job-page";
import {
  baseModel,
  baseVersion,
  fineTuneJob,
  ids,
  resourceClass,
  trainingDataset,
  trainingVersion,
} from "../test/fixtures";

const detailAt = {
  route: "/t/ten_1/p/proj_1/fine-tuning/ftj_1",
  path: "/t/:tenantId/p/:projectId/fine-tuning/:jobId",
};

/** Out of memory at batch 8: the fix halves the batch and doubles the accumulation (core's suggestFix). */
const oom = fineTuneJob({
  status: "failed",
  started_at: "2025-03-01T08:01:00.000Z",
  finished_at: "2025-03-01T08:02:00.000Z",
  failure: {
    reason: "out_of_memory",
    message: "resident memory 1.1 GB is past the budget of 0.9 GB",
    suggestion: "Lower batch_size to 4 and raise gradient_accumulation_steps to 2",
    fix: {
      patch: { batch_size: 4, gradient_accumulation_steps: 2 },
      changes: [
        { field: "batch_size", from: 8, to: 4 },
        { field: "gradient_accumulation_steps", from: 1, to: 2 },
      ],
    },
  },
});
/** Bad data needs a person: no fix. */
const badData = fineTuneJob({
  status: "failed",
  failure: {
    reason: "data_format",
    message: "line 3 is not JSON",
    suggestion: "Fix line 3 and upload a new version",
    fix: null,
  },
});

const button = (name: string) =>
  [...document.querySelectorAll("button")].find((b) => b.textContent === name) as
    | HTMLButtonElement
    | undefined;

describe("FailurePanel: fix and clone", () => {
  it("shows the fix, confirms old → new, clones with the patch and opens the new job", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.job.create", "fine_tuning.job.retry"]),
      "GET /api/v1/fine-tuning/jobs/ftj_1": () => ({ body: { data: oom } }),
      "POST /api/v1/fine-tuning/jobs/ftj_1/clone": () => ({
        status: 201,
        body: { data: fineTuneJob({ id: "ftj_new" }) },
        headers: { "X-Audit-Event-Id": "ae_7" },
      }),
      "GET /api/v1/fine-tuning/jobs/ftj_new": () => ({ body: { data: fineTuneJob({ id: "ftj_new" }) } }),
    });
    const { user, router } = renderUi(<JobDetailPage />, detailAt);
    await screen.findByText("resident memory 1.1 GB is past the budget of 0.9 GB");
    const alert = document.querySelector("[role=alert]") as HTMLElement;
    expect(alert).toHaveTextContent("Suggested change");
    expect(within(alert).getByTestId("failure-fix")).toHaveTextContent(
      "batch_size 8 → 4, gradient_accumulation_steps 1 → 2",
    );
    // The panel's button, and the header's action for the same thing.
    await waitFor(() => expect(button("Fix and clone")).toBeEnabled());
    expect(document.querySelector('button[aria-label="Fix and clone support-lora"]')).toBeEnabled();

    await user.click(button("Fix and clone") as HTMLElement);
    const dialog = await findDialog("Fix and clone support-lora?");
    const rows = [...dialog.querySelectorAll("tr[data-field]")].map((r) => r.textContent);
    expect(rows).toEqual(["batch_size8→ 4", "gradient_accumulation_steps1→ 2"]);
    expect(requests.some((r) => r.method === "POST")).toBe(false);

    await user.click(within(dialog).getAllByRole("button", { name: "Fix and clone" }).at(-1) as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/fine-tuning/ftj_new"));
    const post = requests.find((r) => r.method === "POST");
    expect(post?.path).toBe("/api/v1/fine-tuning/jobs/ftj_1/clone");
    expect(post?.body).toEqual({ batch_size: 4, gradient_accumulation_steps: 2 });
    expect(await screen.findByText("Job support-lora cloned with the fix")).toBeInTheDocument();
  });

  it("Edit in wizard opens the wizard on the clone with the fix", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.job.create"]),
      "GET /api/v1/fine-tuning/jobs/ftj_1": () => ({ body: { data: oom } }),
    });
    const { user, router } = renderUi(<JobDetailPage />, detailAt);
    await waitFor(() => expect(button("Edit in wizard")).toBeEnabled());
    await user.click(button("Edit in wizard") as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/fine-tuning/new"));
    expect(router.state.location.search).toBe("?clone=ftj_1&fix=1");
  });

  it("offers no fix for a failure that needs a person", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.job.retry"]),
      "GET /api/v1/fine-tuning/jobs/ftj_1": () => ({ body: { data: badData } }),
    });
    renderUi(<JobDetailPage />, detailAt);
    await screen.findByText("line 3 is not JSON");
    await waitFor(() => expect(button("Retry")).toBeEnabled());
    expect(button("Fix and clone")).toBeUndefined();
    expect(document.querySelector("[data-testid=failure-fix]")).toBeNull();
  });

  it("says it in Chinese", { timeout: 60_000 }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.job.create"]),
      "GET /api/v1/fine-tuning/jobs/ftj_1": () => ({ body: { data: oom } }),
    });
    const { user } = renderUi(<JobDetailPage />, { ...detailAt, lang: "zh-CN" });
    await screen.findByText("建议修改");
    await waitFor(() => expect(button("修复并克隆")).toBeEnabled());
    expect(button("在向导中编辑")).toBeDefined();
    await user.click(button("修复并克隆") as HTMLElement);
    const dialog = await findDialog("修复并克隆 support-lora？");
    expect(dialog).toHaveTextContent("当前值");
    expect(dialog).toHaveTextContent("新值");
  });

  it("puts Fix and clone among a failed job's row actions when its failure has a fix", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([
        "fine_tuning.job.list",
        "fine_tuning.job.create",
        "fine_tuning.job.retry",
      ]),
      "GET /api/v1/projects/proj_1/fine-tuning/jobs": () =>
        page([
          { ...oom, id: "ftj_oom", name: "oom-job" },
          { ...badData, id: "ftj_bad", name: "bad-data-job" },
        ]),
    });
    const { user } = renderUi(<JobsPage />, {
      route: "/t/ten_1/p/proj_1/fine-tuning",
      path: "/t/:tenantId/p/:projectId/fine-tuning",
    });
    await screen.findByText("oom-job");
    const fixOf = (name: string) =>
      document.querySelector<HTMLButtonElement>(`button[aria-label="Fix and clone ${name}"]`);
    await waitFor(() => expect(fixOf("oom-job")).toBeEnabled());
    expect(fixOf("bad-data-job")).toBeNull();
    await user.click(fixOf("oom-job") as HTMLElement);
    const dialog = await findDialog("Fix and clone oom-job?");
    expect(dialog.querySelectorAll("tr[data-field]")).toHaveLength(2);
  });

  it("the wizard opened with the fix starts from the source's configuration with the patch applied", {
    timeout: 60_000,
  }, async () => {
    const source = { ...oom, id: "ftj_src" };
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.job.create"]),
      "GET /api/v1/fine-tuning/jobs/ftj_src": () => ({ body: { data: source } }),
      "GET /api/v1/fine-tuning/jobs/ftj_src/config": () => ({ body: { data: source.config } }),
      "GET /api/v1/projects/proj_1/models": () => page([baseModel()]),
      [`GET /api/v1/models/${ids.model}/versions`]: () => page([baseVersion()]),
      [`GET /api/v1/model-versions/${ids.version}`]: () => ({ body: { data: baseVersion() } }),
      "GET /api/v1/projects/proj_1/datasets": () => page([trainingDataset()]),
      [`GET /api/v1/datasets/${ids.dataset}/versions`]: () => page([trainingVersion()]),
      "GET /api/v1/fine-tuning/resource-classes": () => page([resourceClass()]),
      "POST /api/v1/projects/proj_1/fine-tuning/jobs": () => ({
        status: 201,
        body: { data: fineTuneJob({ id: "ftj_new" }) },
        headers: { "X-Audit-Event-Id": "ae_1" },
      }),
    });
    const { user, router } = renderUi(<NewJobPage />, {
      route: "/t/ten_1/p/proj_1/fine-tuning/new?clone=ftj_src&fix=1",
      path: "/t/:tenantId/p/:projectId/fine-tuning/new",
    });
    await screen.findByText("Clone job support-lora with the fix");
    await screen.findByText("1.1M");
    const stepShown = (key: string) =>
      waitFor(() => expect(document.querySelector(`[data-step=${key}]`)).not.toHaveAttribute("hidden"));
    for (const step of ["data", "config", "resources", "__review"]) {
      await user.click(button("Next") as HTMLElement);
      await stepShown(step);
    }
    await user.click(button("Submit job") as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/fine-tuning/ftj_new"));
    expect(requests.find((r) => r.method === "POST")?.body).toMatchObject({
      batch_size: 4,
      gradient_accumulation_steps: 2,
      max_length: 256,
      learning_rate: 0.001,
    });
  });
});

describe("applyFix", () => {
  it("merges like the clone API: a warmup drops the other kind, a new method drops the artifact type", () => {
    expect(
      applyFix({ learning_rate: 0.1, warmup_steps: 10 }, { learning_rate: 0.01, warmup_ratio: 0.1 }),
    ).toEqual({ learning_rate: 0.01, warmup_ratio: 0.1 });
    expect(
      applyFix({ method: "full", output: { model_name: "x", artifact_type: "full" } }, { method: "lora" }),
    ).toEqual({ method: "lora", output: { model_name: "x" } });
  });
});
