/**
 * Reference trainer benchmark (not a test): training tokens/s and model FLOPs utilisation against
 * the matmul throughput of TF.js (WASM) measured in the same run; wall time and exact match of the
 * example LoRA fine-tune; llama.cpp generation tokens/s of the tiny model. Writes its section of
 * docs/benchmarks.md.
 *
 *   npx tsx bench/trainer-throughput.ts [--skip-finetune]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeDataset, makeMicroBatch, readDataset } from "@infera/runtimes/data";
import { exactMatch, loadEvalModel } from "@infera/runtimes/eval";
import { loadGgufModel } from "@infera/runtimes/llamacpp";
import { headDim, initLora, type LlamaConfig } from "@infera/runtimes/model";
import {
  AdamW,
  accumulateGradients,
  clipByGlobalNorm,
  loadBaseModel,
  type TrainModel,
} from "@infera/runtimes/trainer";
import * as tf from "@tensorflow/tfjs";
import { writeSection } from "./lib/benchmarks-md.js";

const RUNTIMES = fileURLToPath(new URL("../packages/runtimes/", import.meta.url));
const BASE = join(RUNTIMES, "assets/infera-tiny");
const EXAMPLE = join(RUNTIMES, "assets/examples/support-routing");
const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const skipFinetune = process.argv.includes("--skip-finetune");

/** CPU seconds of this process (user + system): the machine is shared, so MFU is taken per CPU second. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function timeIt(fn: () => void, minMs: number): { perCallCpu: number; calls: number } {
  fn();
  const t0 = performance.now();
  const c0 = cpuSeconds();
  let calls = 0;
  while (performance.now() - t0 < minMs) {
    fn();
    calls++;
  }
  return { perCallCpu: (cpuSeconds() - c0) / calls, calls };
}

/** GFLOP/s of one [m,k]·[k,n] product, data read back so the work is really done. */
function matmulGflops(m: number, k: number, n: number): number {
  const a = tf.randomNormal([m, k]);
  const b = tf.randomNormal([k, n]);
  // Not tf.tidy(() => ….dataSync()): tidy walks a returned typed array element by element.
  const { perCallCpu } = timeIt(() => {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  }, 1500);
  a.dispose();
  b.dispose();
  return (2 * m * k * n) / perCallCpu / 1e9;
}

/**
 * Matmul FLOPs of one forward pass over `tokens` tokens in sequences of `seq`: every linear layer
 * (q, k, v, o, gate, up, down, output head) plus attention scores and weighted values.
 */
function forwardFlops(c: LlamaConfig, tokens: number, seq: number): number {
  const kvDim = c.nKvHeads * headDim(c);
  const linear =
    c.nLayers * (2 * c.dim * c.dim + 2 * c.dim * kvDim + 3 * c.dim * c.hiddenDim) + c.dim * c.vocabSize;
  const attention = c.nLayers * 2 * seq * c.dim; // QKᵀ and PV per token (full square, as computed)
  return 2 * tokens * (linear + attention);
}

async function trainingThroughput(method: "full" | "lora", batchSize: number, steps: number) {
  const base = await loadBaseModel(BASE);
  const { examples } = encodeDataset(readDataset(join(EXAMPLE, "train.jsonl"), "sft"), {
    stage: "sft",
    tokenizer: base.tokenizer,
    maxLength: 256,
    file: "train.jsonl",
  });
  const loraSpec = {
    rank: 8,
    alpha: 16,
    dropout: 0,
    targetModules: ["attn_q", "attn_k", "attn_v", "attn_output"],
  };
  const lora = method === "lora" ? initLora(base.config, loraSpec, 1) : undefined;
  const model: TrainModel = {
    config: base.config,
    base: base.weights,
    lora: lora ? { weights: lora, spec: loraSpec } : undefined,
    trainable: lora ?? base.weights,
  };
  const opt = new AdamW(model.trainable, { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 });
  const batches = Array.from({ length: steps + 2 }, (_, i) =>
    makeMicroBatch(examples.slice(i * batchSize, (i + 1) * batchSize), base.tokenizer.eosId),
  );
  const step = (i: number) => {
    const { grads } = accumulateGradients(model, [batches[i]!], [i]);
    const clipped = clipByGlobalNorm(grads, 1);
    opt.apply(clipped.grads, 1e-4);
    for (const g of Object.values(clipped.grads)) g.dispose();
  };
  step(0);
  step(1);
  let tokens = 0;
  let flops = 0;
  const t0 = performance.now();
  const c0 = cpuSeconds();
  for (let i = 2; i < steps + 2; i++) {
    step(i);
    const mb = batches[i]!;
    tokens += mb.tokens;
    // Computed positions include padding: the FLOPs are those the library really performs.
    const fwd = forwardFlops(base.config, mb.batch * mb.seq, mb.seq);
    flops += method === "full" ? 3 * fwd : 2 * fwd; // LoRA: no weight gradients for the frozen base
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  const shape = { tokens: batches[2]!.batch * batches[2]!.seq, seq: batches[2]!.seq };
  opt.dispose();
  for (const v of Object.values(base.weights)) v.dispose();
  for (const v of Object.values(lora ?? {})) v.dispose();
  return {
    tokensPerSecond: tokens / seconds,
    tokensPerCpuSecond: tokens / cpu,
    gflops: flops / cpu / 1e9,
    shape,
    config: base.config,
  };
}

/** Runs infera-train; under /usr/bin/time (when present) to get the child's CPU seconds too. */
function runCli(
  args: string[],
): Promise<{ code: number | null; lines: string[]; seconds: number; cpu?: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const cli = [join(RUNTIMES, "bin/infera-train.js"), ...args];
    const timed = existsSync("/usr/bin/time");
    const child = timed
      ? spawn("/usr/bin/time", ["-f", "CPU %U %S", process.execPath, ...cli], {
          stdio: ["ignore", "pipe", "pipe"],
        })
      : spawn(process.execPath, cli, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (c: string) => {
      out += c;
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (c: string) => {
      err += c;
    });
    child.on("exit", (code) => {
      const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(err);
      resolve({
        code,
        lines: out.trim().split("\n"),
        seconds: (performance.now() - t0) / 1000,
        ...(m ? { cpu: Number(m[1]) + Number(m[2]) } : {}),
      });
    });
  });
}

/** Greedy generation tokens/s of llama.cpp on the base GGUF, with 1 and 2 threads, over several prompts. */
async function llamaTokensPerSecond(): Promise<{ threads: number; tps: number; n: number }[]> {
  const model = await loadEvalModel({ base: BASE });
  const gguf = await loadGgufModel(model.modelGguf);
  const tok = model.base.rawTokenizer;
  const prompts = [
    "Once upon a time",
    "Anna had a",
    "The capital of France",
    "Question: What color is a banana?\nAnswer:",
  ];
  const out: { threads: number; tps: number; n: number }[] = [];
  for (const threads of [1, 2]) {
    const context = await gguf.createContext({ contextSize: model.base.config.maxSeqLen, threads });
    let produced = 0;
    let seconds = 0;
    for (let round = 0; round < 3; round++) {
      for (const text of prompts) {
        const prompt = [tok.bosId, ...tok.encode(text)];
        const sequence = context.getSequence();
        const t0 = performance.now();
        let n = 0;
        for await (const _ of sequence.evaluate(prompt as never, { temperature: 0, yieldEogToken: true })) {
          if (++n >= 64) break;
        }
        seconds += (performance.now() - t0) / 1000;
        produced += n;
        sequence.dispose();
      }
    }
    await context.dispose();
    out.push({ threads, tps: produced / seconds, n: produced });
  }
  await gguf.dispose();
  model.dispose();
  return out;
}

async function main() {
  const lora = await trainingThroughput("lora", 16, 12);
  const full = await trainingThroughput("full", 16, 8);
  const c = lora.config;
  const m = lora.shape.tokens;
  const shapes: [number, number, number][] = [
    [m, c.dim, c.dim],
    [m, c.dim, c.hiddenDim],
    [m, c.hiddenDim, c.dim],
    [m, c.dim, c.vocabSize],
    [512, 512, 512],
  ];
  const mm = shapes.map(([a, b, d]) => ({ shape: `${a}×${b}·${b}×${d}`, gflops: matmulGflops(a, b, d) }));
  const peak = Math.max(...mm.map((x) => x.gflops));
  console.log(JSON.stringify({ lora: lora.tokensPerSecond, full: full.tokensPerSecond, mm, peak }));

  let finetune:
    | { seconds: number; cpu?: number; steps: number; firstLoss: number; lastLoss: number; load: number }
    | undefined;
  let em: { base: number; tuned: number; n: number } | undefined;
  if (!skipFinetune) {
    const out = mkdtempSync(join(tmpdir(), "infera-bench-"));
    const run = await runCli(["--spec", join(EXAMPLE, "job.json"), "--output-dir", out]);
    if (run.code !== 0) throw new Error(`example fine-tune failed: ${run.lines.slice(-3).join("\n")}`);
    const events = run.lines.map((l) => JSON.parse(l) as { type: string; loss?: number; step?: number });
    const train = events.filter((e) => e.type === "metrics" && e.loss !== undefined);
    finetune = {
      seconds: run.seconds,
      cpu: run.cpu,
      steps: train.at(-1)!.step!,
      firstLoss: train[0]!.loss!,
      lastLoss: train.at(-1)!.loss!,
      load: loadavg()[0]!,
    };
    const test = join(EXAMPLE, "test.jsonl");
    const baseModel = await loadEvalModel({ base: BASE });
    const baseEm = await exactMatch(baseModel, test);
    baseModel.dispose();
    const tuned = await loadEvalModel({ base: BASE, finetuned: join(out, "final") });
    const tunedEm = await exactMatch(tuned, test);
    tuned.dispose();
    em = { base: baseEm.exactMatch, tuned: tunedEm.exactMatch, n: tunedEm.total };
    rmSync(out, { recursive: true, force: true });
    console.log(JSON.stringify({ finetune, em }));
  }
  const gen = await llamaTokensPerSecond();
  console.log(JSON.stringify({ gen }));

  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const body = [
    `Run on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, TF.js ${tf.version.tfjs} (${tf.getBackend()} backend), ${new Date().toISOString().slice(0, 10)}. Model: infera-tiny (dim ${c.dim}, ${c.nLayers} layers, ${c.nHeads} heads / ${c.nKvHeads} KV, FFN ${c.hiddenDim}, vocab ${c.vocabSize}). Batches of 16 example records (${lora.shape.tokens} computed positions, sequences of ${lora.shape.seq}).`,
    "",
    "Rates are per CPU second of the process (user + system), so that other work on this shared machine does not skew the ratio; TF.js WASM runs on one thread. Matmul throughput of the same library in the same run (the baseline of MFU):",
    "",
    "| product | GFLOP/s |",
    "|---|---|",
    ...mm.map((x) => `| ${x.shape} | ${x.gflops.toFixed(1)} |`),
    "",
    `Model FLOPs utilisation = matmul FLOPs of the training step (forward ×3 for full, ×2 for LoRA, whose frozen base needs no weight gradients; padding positions included, as computed) ÷ CPU time ÷ the best matmul rate above (${peak.toFixed(1)} GFLOP/s). Goal ≥ 25%.`,
    "",
    "| training step | tokens / CPU s | tokens / wall s | GFLOP / CPU s | MFU |",
    "|---|---|---|---|---|",
    `| LoRA (r 8, attention) | ${lora.tokensPerCpuSecond.toFixed(0)} | ${lora.tokensPerSecond.toFixed(0)} | ${lora.gflops.toFixed(1)} | ${pct(lora.gflops / peak)} |`,
    `| full fine-tune | ${full.tokensPerCpuSecond.toFixed(0)} | ${full.tokensPerSecond.toFixed(0)} | ${full.gflops.toFixed(1)} | ${pct(full.gflops / peak)} |`,
    "",
    finetune && em
      ? `Example LoRA fine-tune (\`npm run -w @infera/runtimes finetune-example\`, support-ticket routing, ${finetune.steps} steps): **${finetune.seconds.toFixed(0)} s** wall time${finetune.cpu !== undefined ? ` (${finetune.cpu.toFixed(0)} CPU s)` : ""} including start-up, evaluation every 30 steps and GGUF export (goal ≤ 180 s); loss ${finetune.firstLoss.toFixed(3)} → ${finetune.lastLoss.toFixed(3)}. Exact match on the ${em.n} held-out test records, generated by llama.cpp from the GGUF: base **${pct(em.base)}** (goal ≤ 10%), base + adapter **${pct(em.tuned)}** (goal ≥ 80%).`
      : "Example fine-tune: skipped (--skip-finetune).",
    "",
    `llama.cpp (node-llama-cpp, CPU) greedy generation with the F32 GGUF (${gen[0]!.n} tokens over 12 short prompts, prompt processing included): ${gen.map((g) => `**${g.tps.toFixed(0)} tokens/s** with ${g.threads} thread${g.threads > 1 ? "s" : ""}`).join(", ")}.`,
    "",
    `The machine is shared: the 1-minute load average was ${loadavg()[0]!.toFixed(1)} at the end of this run${finetune ? ` and ${finetune.load.toFixed(1)} after the fine-tune` : ""}; wall times grow with it, ratios (MFU) much less.`,
  ].join("\n");
  writeSection(DOC, "## Reference trainer (bench/trainer-throughput.ts)", body);
  console.log(body);
}

await main();
