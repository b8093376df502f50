import { RuntimeEvent } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { parseDurationSeconds } from "./durations.js";
import { createEmitter } from "./emitter.js";
import { detectFamily, ProtocolParser, parseLine } from "./parser.js";

const now = () => new Date("2026-01-02T03:04:05.000Z");
const byType = <T extends RuntimeEvent["type"]>(events: RuntimeEvent[], type: T) =>
  events.filter((e): e is Extract<RuntimeEvent, { type: T }> => e.type === type);

describe("runtime protocol parser", () => {
  it("round-trips our own events and turns garbage lines into log events", () => {
    const lines: string[] = [];
    const emitter = createEmitter((l) => lines.push(l), now);
    emitter.emit({ type: "progress", step: 3, total_steps: 10, epoch: 0.3, eta_seconds: 12 });
    emitter.emit({ type: "metrics", step: 3, loss: 1.5, learning_rate: 1e-3, grad_norm: 0.7 });
    emitter.emit({ type: "failed", reason: "diverged", message: "loss is NaN", suggestion: "lower the LR" });
    const parser = new ProtocolParser({ now });
    const text = `${lines.join("")}Traceback (most recent call last):\nnot json {\n{"type":"metrics","time":"x"}\n`;
    // Feed in awkward chunks: a line split across pushes must still parse.
    const events = [...parser.push(text.slice(0, 17)), ...parser.push(text.slice(17)), ...parser.end()];
    expect(events.map((e) => e.type)).toEqual(["progress", "metrics", "failed", "log", "log", "log"]);
    expect(byType(events, "failed")[0]).toMatchObject({ reason: "diverged", suggestion: "lower the LR" });
    const logs = byType(events, "log");
    expect(logs[0]).toMatchObject({ level: "error", message: "Traceback (most recent call last):" });
    expect(logs[1]).toMatchObject({ level: "info", message: "not json {" });
    expect(logs[2]?.level).toBe("warn"); // an event of ours that fails validation is reported, not dropped
    for (const e of events) expect(RuntimeEvent.safeParse(e).success).toBe(true);
  });

  it("maps Hugging Face Trainer log_history entries (train, eval, summary) with max_steps from trainer_state.json", () => {
    const state = {
      global_step: 100,
      max_steps: 100,
      num_train_epochs: 1,
      log_history: [
        { epoch: 0.5, grad_norm: 1.25, learning_rate: 5e-5, loss: 2.5, step: 50 },
        {
          epoch: 0.5,
          eval_loss: 2.0,
          eval_runtime: 3.1,
          eval_samples_per_second: 20.5,
          eval_steps_per_second: 2.5,
          step: 50,
        },
        {
          epoch: 1,
          step: 100,
          total_flos: 1.2e15,
          train_loss: 2.2,
          train_runtime: 120.5,
          train_samples_per_second: 8.1,
          train_steps_per_second: 0.83,
        },
      ],
    };
    const events = parseLine(JSON.stringify(state), { now });
    const metrics = byType(events, "metrics");
    expect(metrics[0]).toMatchObject({
      step: 50,
      loss: 2.5,
      learning_rate: 5e-5,
      grad_norm: 1.25,
      epoch: 0.5,
    });
    expect(metrics[0]?.perplexity).toBeCloseTo(Math.exp(2.5));
    expect(metrics[1]).toMatchObject({ step: 50, eval_loss: 2.0, extra: { eval_runtime: 3.1 } });
    expect(metrics[1]?.perplexity).toBeCloseTo(Math.exp(2));
    expect(metrics[2]).toMatchObject({
      step: 100,
      loss: 2.2,
      extra: { train_runtime: 120.5, total_flos: 1.2e15 },
    });
    expect(byType(events, "progress")).toEqual([
      {
        type: "progress",
        time: now().toISOString(),
        step: 50,
        total_steps: 100,
        epoch: 0.5,
        eta_seconds: null,
        percentage: 50,
      },
    ]);
    // A single entry printed to stdout as a Python dict, as Trainer.log does.
    const printed = parseLine(
      "{'loss': 1.75, 'grad_norm': 0.5, 'learning_rate': 4e-05, 'epoch': 0.6, 'step': 60}",
      {
        now,
        totalSteps: 100,
      },
    );
    expect(detectFamily({ loss: 1, step: 1 })).toBe("hf_log_history");
    expect(byType(printed, "metrics")[0]).toMatchObject({ step: 60, loss: 1.75 });
    expect(byType(printed, "progress")[0]).toMatchObject({ step: 60, total_steps: 100 });
  });

  it("maps LLaMA-Factory trainer_log.jsonl records", () => {
    const lines = [
      {
        current_steps: 10,
        total_steps: 200,
        loss: 1.8341,
        lr: 4.9e-5,
        epoch: 0.15,
        percentage: 5.0,
        elapsed_time: "0:00:42",
        remaining_time: "0:13:18",
        throughput: 1520.33,
        total_tokens: 64000,
      },
      {
        current_steps: 50,
        total_steps: 200,
        eval_loss: 1.52,
        epoch: 0.75,
        percentage: 25.0,
        elapsed_time: "1 day, 0:03:30",
        remaining_time: "0:10:30",
      },
    ].map((r) => JSON.stringify(r));
    const parser = new ProtocolParser({ now });
    const events = parser.push(`${lines.join("\n")}\n`);
    expect(byType(events, "progress")).toMatchObject([
      { step: 10, total_steps: 200, epoch: 0.15, eta_seconds: 798, percentage: 5, elapsed_seconds: 42 },
      { step: 50, total_steps: 200, eta_seconds: 630, elapsed_seconds: 86400 + 210 },
    ]);
    expect(byType(events, "metrics")).toMatchObject([
      {
        step: 10,
        loss: 1.8341,
        learning_rate: 4.9e-5,
        tokens_per_second: 1520.33,
        extra: { total_tokens: 64000 },
      },
      { step: 50, eval_loss: 1.52 },
    ]);
  });

  it("maps ms-swift logging.jsonl records (train, eval, final)", () => {
    const train = {
      loss: 1.47077751,
      grad_norm: 10.5625,
      learning_rate: 2e-6,
      token_acc: 0.65511727,
      epoch: 0.01,
      "global_step/max_steps": "1/94",
      percentage: "1.06%",
      elapsed_time: "2s",
      remaining_time: "4m 28s",
      "memory(GiB)": 4.87,
      "train_speed(iter/s)": 0.345807,
    };
    const evalRecord = {
      eval_loss: 1.31,
      eval_token_acc: 0.7,
      eval_runtime: 5.2,
      epoch: 0.5,
      "global_step/max_steps": "47/94",
      percentage: "50.00%",
      elapsed_time: "1h 2m 3s",
      remaining_time: "1d 1h",
    };
    const final = {
      last_model_checkpoint: "/out/v0/checkpoint-94",
      best_model_checkpoint: "/out/v0/checkpoint-94",
      best_metric: 1.2,
      global_step: 94,
    };
    const events = [train, evalRecord, final].flatMap((r) => parseLine(JSON.stringify(r), { now }));
    expect(byType(events, "progress")).toMatchObject([
      { step: 1, total_steps: 94, epoch: 0.01, percentage: 1.06, eta_seconds: 268, elapsed_seconds: 2 },
      { step: 47, total_steps: 94, eta_seconds: 90000, elapsed_seconds: 3723 },
    ]);
    const metrics = byType(events, "metrics");
    expect(metrics[0]).toMatchObject({ step: 1, loss: 1.47077751, grad_norm: 10.5625, learning_rate: 2e-6 });
    expect(metrics[0]?.memory_bytes).toBe(Math.round(4.87 * 1024 ** 3));
    expect(metrics[0]?.extra).toEqual({ token_acc: 0.65511727, steps_per_second: 0.345807 });
    expect(metrics[1]).toMatchObject({
      step: 47,
      eval_loss: 1.31,
      extra: { eval_token_acc: 0.7, eval_runtime: 5.2 },
    });
    expect(byType(events, "checkpoint")).toMatchObject([
      { path: "/out/v0/checkpoint-94", step: 94, reason: "final" },
    ]);
  });

  it("parses the duration formats of the Python trainers", () => {
    expect(parseDurationSeconds("0:10:04")).toBe(604);
    expect(parseDurationSeconds("2 days, 1:00:00")).toBe(2 * 86400 + 3600);
    expect(parseDurationSeconds("56m 45s")).toBe(3405);
    expect(parseDurationSeconds("soon")).toBeUndefined();
  });
});
