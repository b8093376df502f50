import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RuntimeEvent } from "@infera/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { ProtocolParser } from "../protocol/parser.js";
import { listCheckpoints } from "./checkpoint.js";
import { chatRecords, makeTinyBase } from "./test-fixtures.js";

const CLI = fileURLToPath(new URL("../../bin/infera-train.js", import.meta.url));

let root: string;
let specFile: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "infera-resume-"));
  await makeTinyBase(join(root, "base"));
  writeFileSync(join(root, "train.jsonl"), chatRecords(40));
  specFile = join(root, "job.json");
  writeFileSync(
    specFile,
    JSON.stringify({
      base_model: "base",
      data: { train: "train.jsonl", validation_split: 0.1 },
      output_dir: "unused",
      stage: "sft",
      method: "lora",
      lora: { rank: 4, alpha: 8, dropout: 0.1, target_modules: ["attn_q", "attn_v", "ffn_down"] },
      batch_size: 3,
      gradient_accumulation_steps: 2,
      max_steps: 24,
      learning_rate: 5e-3,
      warmup_ratio: 0.1,
      weight_decay: 0.01,
      eval_steps: 8,
      checkpoint: { every_steps: 3, keep_last: 2 },
      export_gguf: false,
    }),
  );
});

interface Run {
  child: ChildProcess;
  events: RuntimeEvent[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the real CLI and parses its stdout with the protocol parser; `onEvent` may kill it. */
function startCli(args: string[], onEvent?: (e: RuntimeEvent, run: Run) => void): Run {
  const child = spawn(process.execPath, [CLI, "--spec", specFile, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const parser = new ProtocolParser();
  const run: Run = {
    child,
    events: [],
    exit: new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    for (const e of parser.push(chunk)) {
      run.events.push(e);
      onEvent?.(e, run);
    }
  });
  return run;
}

const losses = (events: RuntimeEvent[]) =>
  new Map(
    events.flatMap((e) => (e.type === "metrics" && e.loss !== undefined ? [[e.step, e.loss] as const] : [])),
  );

const sha = (events: RuntimeEvent[]) => events.find((e) => e.type === "artifact" && e.kind === "adapter");

describe("checkpoints and resume", () => {
  it("a run killed with -9 after a checkpoint and resumed ends on the same loss curve, bit for bit", async () => {
    const straight = startCli(["--output-dir", join(root, "straight")]);
    expect((await straight.exit).code).toBe(0);
    const expected = losses(straight.events);
    expect(expected.size).toBe(24);

    let killedAfter = -1;
    const killed = startCli(["--output-dir", join(root, "killed")], (e, run) => {
      if (e.type === "checkpoint" && e.step >= 9 && killedAfter < 0) {
        killedAfter = e.step;
        run.child.kill("SIGKILL");
      }
    });
    expect((await killed.exit).signal).toBe("SIGKILL");
    expect(killed.events.some((e) => e.type === "completed")).toBe(false);

    const resumed = startCli(["--output-dir", join(root, "killed"), "--resume-from", "latest"]);
    expect((await resumed.exit).code).toBe(0);
    const started = resumed.events.find((e) => e.type === "started");
    expect(started?.type === "started" && started.resumed_from_step).toBeGreaterThanOrEqual(killedAfter);
    const after = losses(resumed.events);
    expect(after.size).toBeGreaterThan(0);
    for (const [step, loss] of after) expect(loss, `step ${step}`).toBe(expected.get(step));
    // Every step that ran before the kill matched too, and the final adapters are byte-identical.
    for (const [step, loss] of losses(killed.events)) expect(loss, `step ${step}`).toBe(expected.get(step));
    expect(sha(resumed.events)).toMatchObject({
      sha256: (sha(straight.events) as { sha256: string }).sha256,
    });
    const ckptState = JSON.parse(
      readFileSync(join(root, "killed", "checkpoints", "step-00000024", "state.json"), "utf8"),
    );
    expect(ckptState).toMatchObject({ step: 24, data: expect.any(Object), rng: expect.any(Array) });
  });

  it("SIGTERM writes a final checkpoint, reports canceled and exits", async () => {
    const run = startCli(["--output-dir", join(root, "term")], (e, r) => {
      if (e.type === "checkpoint" && e.reason === "steps") r.child.kill("SIGTERM");
    });
    const { code } = await run.exit;
    expect(code).toBe(143);
    const last = run.events.at(-1);
    expect(last).toMatchObject({ type: "failed", reason: "canceled" });
    const canceledCkpt = run.events.find((e) => e.type === "checkpoint" && e.reason === "canceled");
    expect(canceledCkpt).toBeDefined();
    expect(last?.type === "failed" && last.suggestion).toMatch(/resume_from/);
  });

  it("--stop-when-stdin-closes: when its parent dies (stdin and stdout both gone) it checkpoints and exits 143", async () => {
    const out = join(root, "orphaned");
    const child = spawn(
      process.execPath,
      [CLI, "--spec", specFile, "--output-dir", out, "--stop-when-stdin-closes"],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const parser = new ProtocolParser();
    const firstCheckpoint = await new Promise<number>((resolve) => {
      child.stdout!.setEncoding("utf8");
      child.stdout!.on("data", (chunk: string) => {
        for (const e of parser.push(chunk)) if (e.type === "checkpoint") resolve(e.step);
      });
    });
    // What a parent killed with -9 leaves: its ends of the pipes closed.
    const saved = listCheckpoints(join(out, "checkpoints")).at(-1)!;
    const savedInode = statSync(join(saved, "state.json")).ino;
    child.stdin!.end();
    child.stdout!.destroy();
    expect(await exit).toBe(143);
    // The checkpoint written on the way out (a rewrite, when it stopped at the step it had just saved).
    const latest = listCheckpoints(join(out, "checkpoints")).at(-1)!;
    expect(Number(/step-(\d+)$/.exec(latest)![1])).toBeGreaterThanOrEqual(firstCheckpoint);
    expect(Number(/step-(\d+)$/.exec(latest)![1])).toBeLessThan(24);
    expect(statSync(join(latest, "state.json")).ino).not.toBe(savedInode);
    expect(existsSync(join(out, "final"))).toBe(false);
  });
});
