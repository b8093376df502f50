import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RuntimeEvent } from "@infera/contracts";
import type { Execution } from "@infera/core";
import { referenceRuntime } from "@infera/runtimes/catalog";
import { INFERA_TINY_DIR } from "@infera/runtimes/formats";
import { ProtocolParser } from "@infera/runtimes/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocalExecutor } from "./create-local-executor.js";

const workspace = join(mkdtempSync(join(tmpdir(), "infera-exec-train-")), "job");
const specPath = join(workspace, "job.json");
const MEMORY_LIMIT = 3 * 1024 * 1024 * 1024;

beforeAll(() => {
  mkdirSync(workspace, { recursive: true });
  const teams = ["billing", "shipping", "account", "refund"];
  const records = Array.from({ length: 32 }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: "user", content: `Which team handles ticket ${i} about ${teams[i % 4]}?` },
        { role: "assistant", content: teams[i % 4] },
      ],
    }),
  );
  writeFileSync(join(workspace, "train.jsonl"), `${records.join("\n")}\n`);
  // The bundled base model, a few small steps, a checkpoint every 2: it is canceled long before the end.
  writeFileSync(
    specPath,
    JSON.stringify({
      base_model: INFERA_TINY_DIR,
      data: { train: "train.jsonl" },
      output_dir: "out",
      stage: "sft",
      method: "lora",
      lora: { rank: 4, alpha: 8, target_modules: ["attn_q", "attn_v"] },
      batch_size: 2,
      max_length: 48,
      max_steps: 500,
      learning_rate: 5e-3,
      checkpoint: { every_steps: 2, keep_last: 2 },
      export_gguf: false,
    }),
  );
});

/** Parses the run's stdout as the worker will; `onEvent` may cancel it. stderr lines are kept apart. */
async function follow(execution: Execution, onEvent: (e: RuntimeEvent) => void) {
  const parser = new ProtocolParser();
  const events: RuntimeEvent[] = [];
  const stderr: string[] = [];
  for await (const { stream, line } of execution.output) {
    if (stream === "stderr") {
      stderr.push(line);
      continue;
    }
    for (const e of parser.push(`${line}\n`)) {
      events.push(e);
      onEvent(e);
    }
  }
  events.push(...parser.end());
  return { events, stderr };
}

describe("the reference runtime through the local executor", () => {
  it("trains, is canceled mid-training (checkpoint canceled, failed canceled, exit 143), and resumes from that checkpoint", async () => {
    const executor = createLocalExecutor();
    const run = await executor.start({
      runId: "ftj_test-1",
      workspaceDir: workspace,
      command: referenceRuntime.command,
      args: referenceRuntime.args(specPath, { resume: false }),
      memoryLimitBytes: MEMORY_LIMIT,
    });
    let canceling: Promise<void> | undefined;
    const { events, stderr } = await follow(run, (e) => {
      if (e.type === "checkpoint" && e.reason === "steps") canceling ??= run.cancel(60_000);
    });
    await canceling;
    const exit = await run.exited;
    expect(exit, stderr.join("\n")).toMatchObject({ code: 143, signal: null, memoryLimitExceeded: false });
    // TF.js's WASM heap reserves far more address space than it touches: only resident memory counts.
    expect(exit.peakRssBytes).toBeGreaterThan(0);
    expect(exit.peakRssBytes).toBeLessThan(MEMORY_LIMIT);

    const types = events.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(["estimate", "started"]);
    const canceledAt = events.findIndex((e) => e.type === "checkpoint" && e.reason === "canceled");
    expect(canceledAt).toBeGreaterThan(0);
    const checkpoint = events[canceledAt] as Extract<RuntimeEvent, { type: "checkpoint" }>;
    expect(events.at(-1)).toMatchObject({ type: "failed", reason: "canceled", step: checkpoint.step });
    expect(canceledAt).toBe(events.length - 2);

    // The next attempt: reap first (nothing is left), then resume from the latest checkpoint.
    expect(await executor.reap(workspace)).toEqual({ killed: 0 });
    const resumed = await executor.start({
      runId: "ftj_test-2",
      workspaceDir: workspace,
      command: referenceRuntime.command,
      args: referenceRuntime.args(specPath, { resume: true }),
    });
    let stopping: Promise<void> | undefined;
    const second = await follow(resumed, (e) => {
      if (e.type === "progress") stopping ??= resumed.cancel(60_000);
    });
    await stopping;
    expect((await resumed.exited).code).toBe(143);
    expect(second.events.find((e) => e.type === "started")).toMatchObject({
      resumed_from_step: checkpoint.step,
    });
    const firstStep = second.events.find((e) => e.type === "progress");
    expect(firstStep).toMatchObject({ step: checkpoint.step + 1 });
  });
});
