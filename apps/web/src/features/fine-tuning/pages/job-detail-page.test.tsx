import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { stateDurations } from "../components/job-timeline";
import { eventsPage, fineTuneJob, ids } from "../test/fixtures";
import { JobDetailPage } from "./job-detail-page";

const at = (query = "") => ({
  route: `/t/ten_1/p/proj_1/fine-tuning/ftj_1${query}`,
  path: "/t/:tenantId/p/:projectId/fine-tuning/:jobId",
});

const failed = fineTuneJob({
  status: "failed",
  started_at: "2025-03-01T08:01:00.000Z",
  finished_at: "2025-03-01T08:11:30.000Z",
  failure: {
    reason: "out_of_memory",
    message: "CUDA out of memory at step 12",
    suggestion: "Lower batch_size to 4 or max_length to 128",
  },
  transitions: [
    {
      seq: 1,
      from: null,
      to: "queued",
      reason: "created",
      actor_id: "usr_1",
      at: "2025-03-01T08:00:00.000Z",
    },
    {
      seq: 2,
      from: "queued",
      to: "starting",
      reason: "scheduled",
      actor_id: null,
      at: "2025-03-01T08:00:30.000Z",
    },
    {
      seq: 3,
      from: "starting",
      to: "running",
      reason: "started",
      actor_id: null,
      at: "2025-03-01T08:01:00.000Z",
    },
    {
      seq: 4,
      from: "running",
      to: "failed",
      reason: "out_of_memory",
      actor_id: null,
      at: "2025-03-01T08:11:30.000Z",
    },
  ],
});

describe("JobDetailPage", () => {
  it("shows the failure with its reason, message and suggestion, and each state's duration", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.job.retry", "fine_tuning.job.create"], {
        "fine_tuning.job.delete": "only admins delete jobs",
      }),
      "GET /api/v1/fine-tuning/jobs/ftj_1": () => ({ body: { data: failed } }),
    });
    const { user, router } = renderUi(<JobDetailPage />, at());
    await screen.findByText("CUDA out of memory at step 12");
    // Plain DOM lookups: role queries over the whole page are slow in jsdom.
    const q = (selector: string) => document.querySelector<HTMLElement>(selector) as HTMLElement;
    const button = (name: string) => q(`button[aria-label="${name}"]`);
    const alert = q("[role=alert]");
    expect(alert).toHaveTextContent("The job failed: Out of memory");
    expect(alert).toHaveTextContent("out_of_memory");
    expect(alert).toHaveTextContent("CUDA out of memory at step 12");
    expect(alert).toHaveTextContent("Lower batch_size to 4 or max_length to 128");

    const timeline = q('section[aria-label="Timeline"]');
    const entries = [...timeline.querySelectorAll("[data-seq]")].map((e) => e.textContent);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toContain("Queued");
    expect(entries[0]).toContain("Created");
    expect(entries[0]).toContain("lasted 30s");
    expect(entries[1]).toContain("lasted 30s");
    expect(entries[2]).toContain("Running");
    expect(entries[2]).toContain("lasted 10m 30s");
    // The last state of a finished job does not run on.
    expect(entries[3]).toContain("Failed");
    expect(entries[3]).not.toMatch(/lasted|so far/);
    expect(entries[2]).toContain("platform");

    // Retry and clone for a failed job; delete locked with the server's reason.
    await waitFor(() => expect(button("Retry support-lora")).toBeEnabled());
    expect(button("Clone support-lora")).toBeEnabled();
    const del = button("Delete support-lora");
    expect(del).toBeDisabled();
    expect(del.closest("[data-locked-reason]")).toHaveAttribute(
      "data-locked-reason",
      "only admins delete jobs",
    );
    expect(button("Cancel support-lora")).toBeNull();

    // The configuration and the links to what it trained on.
    const config = q('table[aria-label="Configuration"]');
    expect(within(config).getByText("lora.rank").closest("tr")).toHaveTextContent("8");
    expect(q('a[aria-label^="Open the base model version"]')).toHaveAttribute(
      "href",
      `/t/ten_1/p/proj_1/model-versions/${failed.base_model_version_id}`,
    );

    // Clone opens the wizard prefilled with this job.
    await user.click(button("Clone support-lora"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/ten_1/p/proj_1/fine-tuning/new"));
    expect(router.state.location.search).toBe("?clone=ftj_1");
  });

  it("says why a queued job waits, in both languages", { timeout: 60_000 }, async () => {
    const queued = fineTuneJob({ status: "queued", queue_position: 2, wait_reason: "no_node_fits" });
    fakeApi({
      "GET /api/v1/auth/permissions": permissions([]),
      "GET /api/v1/fine-tuning/jobs/ftj_1": () => ({ body: { data: queued } }),
      "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) => eventsPage([], req.query),
    });
    const { unmount } = renderUi(<JobDetailPage />, at());
    expect(await screen.findByText("its resource class is bigger than every node")).toBeInTheDocument();
    expect(screen.getByText("Waiting because")).toBeInTheDocument();
    unmount();
    renderUi(<JobDetailPage />, { ...at(), lang: "zh-CN" });
    expect(await screen.findByText("该资源规格超过了所有节点的大小")).toBeInTheDocument();
  });

  it("names the template a job came from, and offers Save as template to whoever may create templates", {
    timeout: 60_000,
  }, async () => {
    fakeApi({
      "GET /api/v1/auth/permissions": permissions(["fine_tuning.template.create"]),
      "GET /api/v1/fine-tuning/jobs/ftj_1": () => ({
        body: { data: fineTuneJob({ template_id: ids.template }) },
      }),
      "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) => eventsPage([], req.query),
    });
    const { user } = renderUi(<JobDetailPage />, at());
    expect(await screen.findByText("Created from template")).toBeInTheDocument();
    // The id badge (short form) of the template: the only ftt_ id on the page.
    expect(screen.getAllByRole("button", { name: /ftt_/ }).length).toBeGreaterThan(0);
    const save = screen.getByRole("button", { name: /Save as template/ });
    await waitFor(() => expect(save).toBeEnabled());
    await user.click(save);
    expect(await screen.findByText("Save the configuration as a template")).toBeInTheDocument();
  });

  it("says what each run-data tab waits for until the job runs, and lists its audit events", {
    timeout: 60_000,
  }, async () => {
    const { requests } = fakeApi({
      "GET /api/v1/auth/permissions": permissions([]),
      "GET /api/v1/fine-tuning/jobs/ftj_1": () => ({ body: { data: fineTuneJob() } }),
      "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) => eventsPage([], req.query),
      "GET /api/v1/projects/proj_1/audit-events": () => page([]),
    });
    const { user } = renderUi(<JobDetailPage />, at("?tab=metrics"));
    expect(await screen.findByText("Waiting for the first step")).toBeInTheDocument();
    expect(
      screen.getByText(/as soon as the job reports its first metrics \(now: Queued\)/),
    ).toBeInTheDocument();
    // No chart, no numbers: nothing is drawn before the job has data.
    expect(document.querySelector('[role="img"][aria-label="Loss"]')).toBeNull();
    for (const [tab, empty] of [
      ["Logs", "No log lines yet"],
      ["Checkpoints", "No checkpoints yet"],
      ["Artifacts", "Artifacts appear when the job succeeds"],
    ] as const) {
      await user.click(screen.getByRole("tab", { name: tab }));
      expect(await screen.findByText(empty)).toBeInTheDocument();
    }
    const asked = requests.filter((r) => r.path.endsWith("/events")).map((r) => r.query.get("type"));
    expect(asked).toEqual(["metrics", "log,status,failed", "checkpoint"]);
    await user.click(screen.getByRole("tab", { name: "Audit" }));
    expect(await screen.findByText("No audit events yet")).toBeInTheDocument();
    const audit = requests.find((r) => r.path.endsWith("/audit-events"));
    expect(audit?.query.get("resource_id")).toBe("ftj_1");
  });
});

describe("stateDurations", () => {
  it("runs the current state of an unfinished job to now", () => {
    const now = Date.parse("2025-03-01T08:05:00.000Z");
    const d = stateDurations(fineTuneJob().transitions, false, now);
    expect(d).toEqual([300]);
    expect(stateDurations(fineTuneJob().transitions, true, now)).toEqual([null]);
  });
});
