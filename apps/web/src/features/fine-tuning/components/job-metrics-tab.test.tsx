import type { FineTuneJobEvent } from "@infera/contracts";
import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { page } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { ScriptedEventSource } from "../../../test/scripted-event-source";
import { eventsPage, fineTuneJob, metricsEvent } from "../test/fixtures";
import { JobMetricsTab } from "./job-metrics-tab";

function serve(events: FineTuneJobEvent[]) {
  return fakeApi({ "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) => eventsPage(events, req.query) });
}

describe("JobMetricsTab", () => {
  afterEach(() => {
    ScriptedEventSource.instances = [];
    vi.unstubAllGlobals();
  });

  it("draws a chart for each metric reported, and takes new steps live", async () => {
    vi.stubGlobal("EventSource", ScriptedEventSource);
    const { requests } = serve([
      metricsEvent(1, { loss: 3, learning_rate: 1e-3, tokens_per_second: 800 }),
      metricsEvent(2, { loss: 2.5, eval_loss: 2.6, learning_rate: 9e-4, tokens_per_second: 820 }),
    ]);
    renderUi(<JobMetricsTab job={fineTuneJob({ status: "running" })} />);
    expect(await screen.findByRole("img", { name: "Loss" })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Learning rate" })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Tokens/s" })).toBeInTheDocument();
    // This runtime reports no grad norm: no empty chart for it.
    expect(screen.queryByRole("img", { name: "Grad norm" })).toBeNull();
    expect(screen.getByText("Step 2 · loss 2.5")).toBeInTheDocument();
    expect(screen.getByText("Live")).toBeInTheDocument();
    expect(requests[0]?.query.get("type")).toBe("metrics");

    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    act(() => ScriptedEventSource.instances[0]!.emit("metrics", metricsEvent(3, { loss: 1.25 }), "3"));
    expect(await screen.findByText("Step 3 · loss 1.25")).toBeInTheDocument();
    expect(screen.getAllByRole("slider")).toHaveLength(3);
  });

  it("reads another job's metrics once to compare its loss", async () => {
    vi.stubGlobal("EventSource", ScriptedEventSource);
    const other = fineTuneJob({ id: "ftj_2", name: "support-lora-v2", status: "succeeded" });
    const { requests } = fakeApi({
      "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) =>
        eventsPage([metricsEvent(1, { loss: 3 })], req.query),
      "GET /api/v1/fine-tuning/jobs/ftj_2/events": (req) =>
        eventsPage([metricsEvent(1, { loss: 2 })], req.query),
      "GET /api/v1/projects/proj_1/fine-tuning/jobs": () => page([fineTuneJob({ status: "running" }), other]),
    });
    const { user } = renderUi(<JobMetricsTab job={fineTuneJob({ status: "running" })} />);
    await screen.findByRole("img", { name: "Loss" });
    // Nothing is read for a comparison before one is chosen.
    expect(requests.filter((r) => r.path.endsWith("/events")).map((r) => r.path)).toEqual([
      "/api/v1/fine-tuning/jobs/ftj_1/events",
    ]);
    await user.click(screen.getByRole("combobox", { name: "Compare with another job" }));
    // The job itself is not offered.
    expect(screen.queryByTitle("support-lora · Running")).toBeNull();
    await user.click(await screen.findByTitle("support-lora-v2 · Succeeded"));
    await waitFor(() =>
      expect(requests.some((r) => r.path === "/api/v1/fine-tuning/jobs/ftj_2/events")).toBe(true),
    );
    const asked = requests.find((r) => r.path === "/api/v1/fine-tuning/jobs/ftj_2/events");
    expect(asked?.query.get("type")).toBe("metrics");
    // Only this job is followed live.
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    expect(ScriptedEventSource.instances[0]!.url).toContain("/ftj_1/");
  });

  it("waits for the first step while the job runs", async () => {
    serve([]);
    renderUi(<JobMetricsTab job={fineTuneJob({ status: "starting" })} />);
    expect(await screen.findByText("Waiting for the first step")).toBeInTheDocument();
    expect(screen.queryByRole("img", { name: "Loss" })).toBeNull();
  });

  it("says no metrics were recorded for a job that ended without any, in Chinese too", async () => {
    serve([]);
    renderUi(<JobMetricsTab job={fineTuneJob({ status: "failed" })} />, { lang: "zh-CN" });
    expect(await screen.findByText("没有记录到训练指标")).toBeInTheDocument();
    expect(screen.getByText(/任务结束（失败）前没有报告任何训练步/)).toBeInTheDocument();
  });
});
