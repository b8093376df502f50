/**
 * Checkpoint copies to the blob store (not a test): how long copying one checkpoint of the bundled
 * infera-tiny model into the local blob store takes (sha256 + write of every file, as the worker
 * does after a `checkpoint` event), against the time of one training step measured in the same run,
 * for LoRA and full fine-tuning. Writes its section of docs/benchmarks.md.
 *
 *   npx tsx bench/checkpoint-store.ts
 */
import { spawn } from "node:child_process";
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RuntimeEvent } from "@infera/contracts";
import { INFERA_TRAIN_BIN } from "@infera/runtimes/catalog";
import { parseLine } from "@infera/runtimes/protocol";
import { LocalBlobStore } from "@infera/storage";
import { writeSection } from "./lib/benchmarks-md.js";

const RUNTIMES = fileURLToPath(new URL("../packages/runtimes/", import.meta.url));
const EXAMPLE = join(RUNTIMES, "assets/examples/support-routing");
const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));

interface Figures {
  method: string;
  stepMs: number;
  checkpoints: number;
  bytes: number;
  copyMs: number[];
}

async function train(dir: string, method: "lora" | "full"): Promise<RuntimeEvent[]> {
  const spec = join(dir, "job.json");
  writeFileSync(
    spec,
    JSON.stringify({
      base_model: join(RUNTIMES, "assets/infera-tiny"),
      data: { train: join(EXAMPLE, "train.jsonl"), validation: join(EXAMPLE, "validation.jsonl") },
      output_dir: join(dir, "out"),
      stage: "sft",
      method,
      lora: { rank: 8, alpha: 16, target_modules: ["attn_q", "attn_k", "attn_v", "attn_output"] },
      batch_size: 8,
      max_length: 64,
      max_steps: 9,
      learning_rate: 0.005,
      checkpoint: { every_steps: 2, keep_last: 100 },
      export_gguf: false,
    }),
  );
  const child = spawn(process.execPath, [INFERA_TRAIN_BIN, "--spec", spec], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const events: RuntimeEvent[] = [];
  let rest = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) events.push(...parseLine(line));
  });
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`infera-train exited with ${code}: ${JSON.stringify(events.at(-1))}`);
  return events;
}

async function measure(method: "lora" | "full"): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), "infera-bench-ckpt-"));
  try {
    const events = await train(dir, method);
    const progress = events.filter(
      (e) => e.type === "progress" && e.elapsed_seconds !== undefined,
    ) as Extract<RuntimeEvent, { type: "progress" }>[];
    const first = progress[0]!;
    const last = progress.at(-1)!;
    const stepMs = ((last.elapsed_seconds! - first.elapsed_seconds!) * 1000) / (last.step - first.step);
    const store = new LocalBlobStore(join(dir, "blobs"));
    const copyMs: number[] = [];
    let bytes = 0;
    for (const e of events) {
      if (e.type !== "checkpoint") continue;
      const files = readdirSync(e.path).map((f) => join(e.path, f));
      const t0 = performance.now();
      for (const f of files) await store.put(createReadStream(f));
      copyMs.push(performance.now() - t0);
      bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    }
    return { method, stepMs, checkpoints: copyMs.length, bytes, copyMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [];
for (const method of ["lora", "full"] as const) {
  const f = await measure(method);
  const copy = median(f.copyMs);
  const row = `| ${f.method} | ${(f.bytes / 1024 / 1024).toFixed(2)} MiB | ${f.checkpoints} | ${copy.toFixed(1)} ms | ${f.stepMs.toFixed(0)} ms | ${((copy / f.stepMs) * 100).toFixed(1)}% |`;
  console.log(row);
  rows.push(row);
}
writeSection(
  DOC,
  "## Checkpoint copies to the blob store (`bench/checkpoint-store.ts`)",
  `Copying one checkpoint of the bundled infera-tiny model into the local blob store (sha256 and write
of each file, as the worker does after a \`checkpoint\` event; the two small database writes that
record it are not counted), next to the wall time of one training step of the same run (baseline,
from the runtime's \`progress\` events). The copy runs in the worker while the runtime, a separate
process, trains on: it costs the run no pause, only this much of one step's time on the machine.

| method | checkpoint size | checkpoints | copy (median) | one step | copy / step |
|---|---|---|---|---|---|
${rows.join("\n")}
`,
);
