import type { FineTuneJobEvent } from "@infera/contracts";
import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi } from "../../../test/fake-api";
import { renderUi } from "../../../test/render";
import { ScriptedEventSource } from "../../../test/scripted-event-source";
import { eventsPage, fineTuneJob, jobEvent, logEvent } from "../test/fixtures";
import { JobLogsTab } from "./job-logs-tab";

const log: FineTuneJobEvent[] = [
  jobEvent(1, "status", { from: "starting", to: "running", reason: "training on host-1" }),
  logEvent(2, "info", "loading base model", "runtime"),
  logEvent(3, "warn", "sequence truncated to 256 tokens"),
  logEvent(4, "error", "Traceback: CUDA out of memory", "stderr"),
  jobEvent(5, "failed", {
    reason: "out_of_memory",
    message: "CUDA out of memory",
    suggestion: "lower batch_size",
  }),
  jobEvent(6, "status", { from: "running", to: "failed", reason: "out_of_memory" }),
];
const failed = fineTuneJob({ status: "failed" });
const running = fineTuneJob({ status: "running" });

function serve(events: FineTuneJobEvent[]) {
  return fakeApi({ "GET /api/v1/fine-tuning/jobs/ftj_1/events": (req) => eventsPage(events, req.query) });
}
const rows = () =>
  [...document.querySelectorAll<HTMLElement>(".infera-job-log-line")].map((r) => ({
    seq: r.dataset.seq,
    level: r.dataset.level,
    kind: r.dataset.kind,
    text: r.querySelector(".message")?.textContent,
  }));

describe("JobLogsTab", () => {
  afterEach(() => {
    ScriptedEventSource.instances = [];
    vi.unstubAllGlobals();
  });

  it("shows log lines, state changes and the failure; searches and filters by level", async () => {
    const { requests } = serve(log);
    const { user } = renderUi(<JobLogsTab job={failed} />);
    await screen.findByText("6 of 6 lines");
    expect(requests[0]?.query.get("type")).toBe("log,status,failed");
    expect(rows()).toEqual([
      { seq: "1", level: "info", kind: "status", text: "Starting → Running (training on host-1)" },
      { seq: "2", level: "info", kind: "log", text: "loading base model" },
      { seq: "3", level: "warn", kind: "log", text: "sequence truncated to 256 tokens" },
      { seq: "4", level: "error", kind: "log", text: "Traceback: CUDA out of memory" },
      {
        seq: "5",
        level: "error",
        kind: "failed",
        text: "out_of_memory: CUDA out of memory — Suggestion: lower batch_size",
      },
      { seq: "6", level: "info", kind: "status", text: "Running → Failed (out_of_memory)" },
    ]);
    // A finished job has nothing to follow.
    expect(screen.queryByRole("button", { name: /Pause/ })).toBeNull();

    await user.type(screen.getByRole("searchbox", { name: "Search the lines" }), "cuda");
    await screen.findByText("2 of 6 lines");
    expect(rows().map((r) => r.seq)).toEqual(["4", "5"]);
    expect(document.querySelector(".infera-job-log-line mark")?.textContent).toBe("CUDA");

    await user.clear(screen.getByRole("searchbox", { name: "Search the lines" }));
    await user.click(screen.getByRole("combobox", { name: "Level" }));
    await user.click(await screen.findByTitle("WARN and above"));
    await screen.findByText("3 of 6 lines");
    expect(rows().map((r) => r.seq)).toEqual(["3", "4", "5"]);

    await user.type(screen.getByRole("searchbox", { name: "Search the lines" }), "nothing like it");
    expect(await screen.findByText("No line matches the filters.")).toBeInTheDocument();
  });

  it("downloads every loaded line as a .log file", async () => {
    serve(log);
    const created: Blob[] = [];
    const spy = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      created.push(b as Blob);
      return "blob:x";
    });
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    const { user } = renderUi(<JobLogsTab job={failed} />);
    await screen.findByText("6 of 6 lines");
    // A filter narrows the view, not the file.
    await user.type(screen.getByRole("searchbox", { name: "Search the lines" }), "cuda");
    await user.click(screen.getByRole("button", { name: /Download/ }));
    expect(names).toEqual(["ftj_1.log"]);
    const text = await created[0]!.text();
    expect(text.split("\n")).toEqual([
      "2025-03-01T08:00:01.000Z INFO [Status] Starting → Running (training on host-1)",
      "2025-03-01T08:00:02.000Z INFO [runtime] loading base model",
      "2025-03-01T08:00:03.000Z WARN sequence truncated to 256 tokens",
      "2025-03-01T08:00:04.000Z ERROR [stderr] Traceback: CUDA out of memory",
      "2025-03-01T08:00:05.000Z ERROR [Failed] out_of_memory: CUDA out of memory — Suggestion: lower batch_size",
      "2025-03-01T08:00:06.000Z INFO [Status] Running → Failed (out_of_memory)",
      "",
    ]);
    spy.mockRestore();
    click.mockRestore();
  });

  it("follows new lines live, and Pause holds them until Resume", async () => {
    vi.stubGlobal("EventSource", ScriptedEventSource);
    serve(log.slice(0, 2));
    const { user } = renderUi(<JobLogsTab job={running} />);
    await screen.findByText("2 of 2 lines");
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    const source = ScriptedEventSource.instances[0]!;
    expect(source.url).toBe("/api/v1/fine-tuning/jobs/ftj_1/events?after=2&type=log%2Cstatus%2Cfailed");

    act(() => source.emit("log", logEvent(3, "info", "step 1/10 loss 2.31"), "3"));
    await screen.findByText("step 1/10 loss 2.31");

    await user.click(screen.getByRole("button", { name: /Pause/ }));
    act(() => source.emit("log", logEvent(4, "info", "step 2/10 loss 2.02"), "4"));
    const resume = await screen.findByRole("button", { name: /Resume \(1 new lines\)/ });
    expect(screen.queryByText("step 2/10 loss 2.02")).toBeNull();
    await user.click(resume);
    expect(await screen.findByText("step 2/10 loss 2.02")).toBeInTheDocument();
  });

  it("keeps to the end as lines arrive, but not while the user reads further up", async () => {
    vi.stubGlobal("EventSource", ScriptedEventSource);
    serve(log.slice(0, 2));
    const { user } = renderUi(<JobLogsTab job={running} />);
    const box = await screen.findByRole("log", { name: "Log lines" });
    // jsdom lays nothing out: the box is 200 px high over 1,000 px of lines.
    Object.defineProperty(box, "scrollHeight", { configurable: true, get: () => 1000 });
    Object.defineProperty(box, "clientHeight", { configurable: true, get: () => 200 });
    await waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(1));
    const source = ScriptedEventSource.instances[0]!;

    act(() => source.emit("log", logEvent(3, "info", "step 1"), "3"));
    await screen.findByText("step 1");
    expect(box.scrollTop).toBe(1000);

    box.scrollTop = 300;
    act(() => box.dispatchEvent(new Event("scroll")));
    const jump = await screen.findByRole("button", { name: /Jump to the end/ });
    act(() => source.emit("log", logEvent(4, "info", "step 2"), "4"));
    await screen.findByText("step 2");
    expect(box.scrollTop).toBe(300);

    await user.click(jump);
    await waitFor(() => expect(box.scrollTop).toBe(1000));
    expect(screen.queryByRole("button", { name: /Jump to the end/ })).toBeNull();
  });

  it("says it waits for lines while the job may still write, in Chinese too", async () => {
    serve([]);
    renderUi(<JobLogsTab job={running} />, { lang: "zh-CN" });
    expect(await screen.findByText("还没有日志")).toBeInTheDocument();
    expect(screen.getByText(/当前状态：运行中/)).toBeInTheDocument();
  });

  it("says nothing was recorded for a finished job without lines", async () => {
    serve([]);
    renderUi(<JobLogsTab job={failed} />);
    expect(await screen.findByText("No log lines were recorded")).toBeInTheDocument();
  });
});
