import { describe, expect, it } from "vitest";
import { jobEvent, logEvent } from "../test/fixtures";
import { filterLines, type LogLineLabels, logFileText, logLines } from "./log-lines";

const labels: LogLineLabels = {
  status: "Status",
  failed: "Failed",
  suggestion: "Suggestion",
  statusName: (s) => s.toUpperCase(),
};

const events = [
  jobEvent(1, "status", { from: "starting", to: "running", reason: "training on host-1" }),
  logEvent(2, "info", "loading base model", "runtime"),
  logEvent(3, "warn", "sequence truncated to 256 tokens"),
  logEvent(4, "error", "Traceback: CUDA out of memory", "stderr"),
  jobEvent(5, "metrics", { step: 1, loss: 2 }),
  jobEvent(6, "failed", {
    reason: "out_of_memory",
    message: "CUDA out of memory",
    suggestion: "lower batch_size",
  }),
  jobEvent(7, "status", { from: "running", to: "failed", reason: "out_of_memory" }),
];

describe("logLines", () => {
  it("makes a line of every log entry, state change and failure, in order", () => {
    const lines = logLines(events, labels);
    expect(lines.map((l) => [l.id, l.kind, l.level, l.source ?? null, l.message])).toEqual([
      ["1", "status", "info", "Status", "STARTING → RUNNING (training on host-1)"],
      ["2", "log", "info", "runtime", "loading base model"],
      ["3", "log", "warn", null, "sequence truncated to 256 tokens"],
      ["4", "log", "error", "stderr", "Traceback: CUDA out of memory"],
      ["6", "failed", "error", "Failed", "out_of_memory: CUDA out of memory — Suggestion: lower batch_size"],
      ["7", "status", "info", "Status", "RUNNING → FAILED (out_of_memory)"],
    ]);
    expect(lines[0]?.ts).toBe(events[0]?.at);
    expect(
      logLines([jobEvent(1, "status", { from: null, to: "queued", reason: "" })], labels)[0]?.message,
    ).toBe("QUEUED");
  });
});

describe("filterLines", () => {
  const lines = logLines(events, labels);
  const ids = (l: { id: string }[]) => l.map((x) => x.id);

  it("keeps the lines at or above a level", () => {
    expect(ids(filterLines(lines, undefined, ""))).toEqual(["1", "2", "3", "4", "6", "7"]);
    expect(ids(filterLines(lines, "warn", ""))).toEqual(["3", "4", "6"]);
    expect(ids(filterLines(lines, "error", ""))).toEqual(["4", "6"]);
  });

  it("searches message and source in any case, with the level too", () => {
    expect(ids(filterLines(lines, undefined, "cuda"))).toEqual(["4", "6"]);
    expect(ids(filterLines(lines, undefined, "STDERR"))).toEqual(["4"]);
    expect(ids(filterLines(lines, "error", "  traceback "))).toEqual(["4"]);
    expect(filterLines(lines, undefined, "no such text")).toEqual([]);
  });
});

describe("logFileText", () => {
  it("writes one line an entry with its UTC time, level and source", () => {
    const text = logFileText(logLines(events.slice(0, 3), labels));
    expect(text).toBe(
      [
        "2025-03-01T08:00:01.000Z INFO [Status] STARTING → RUNNING (training on host-1)",
        "2025-03-01T08:00:02.000Z INFO [runtime] loading base model",
        "2025-03-01T08:00:03.000Z WARN sequence truncated to 256 tokens",
        "",
      ].join("\n"),
    );
    expect(logFileText([])).toBe("");
  });
});
