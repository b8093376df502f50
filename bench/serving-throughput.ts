/**
 * Serving benchmark (issue 11): one `infera-serve` replica of the bundled infera-tiny against the
 * same GGUF run directly by node-llama-cpp, measured in the same run.
 *
 * - Tokens/s: a streamed `/v1/completions` over loopback HTTP (fixed prompt, exactly N generated
 *   tokens with `ignore_eos`, temperature 0, one thread, one sequence), time from sending the request
 *   to `[DONE]`, against `sequence.evaluate` of the same prompt ids for N tokens in this process
 *   (the floor). Goal ≥ 0.9×.
 * - Cold start: spawn → ready line (and → first streamed token) of the replica, against a bare Node
 *   script that imports node-llama-cpp, loads the GGUF and creates the same context (spawn → loaded).
 *
 *   npx tsx bench/serving-throughput.ts      # BENCH_TOKENS (default 200), BENCH_ROUNDS (default 7), BENCH_NO_WRITE=1
 */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { INFERA_TINY_DIR, MODEL_FILES } from "@infera/runtimes/formats";
import { cpuLlama } from "@infera/runtimes/llamacpp";
import { type ReplicaProcess, startReplicaProcess } from "@infera/runtimes/serving";
import { bareColdStart } from "./lib/bare-cold-start.js";
import { writeSection } from "./lib/benchmarks-md.js";

const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const GGUF = join(INFERA_TINY_DIR, MODEL_FILES.gguf);
const N = Number(process.env.BENCH_TOKENS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CONTEXT = 512;
const PROMPT = "Anna had a small cat. Every morning, she went to the park with";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function wholeOnce(replica: ReplicaProcess): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${replica.baseUrl}/v1/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: PROMPT, max_tokens: N, temperature: 0, ignore_eos: true }),
  });
  const body = (await res.json()) as { usage: { completion_tokens: number } };
  if (body.usage.completion_tokens !== N)
    throw new Error(`replica generated ${body.usage.completion_tokens} tokens`);
  return performance.now() - t0;
}

async function streamOnce(replica: ReplicaProcess): Promise<{ ms: number; ttftMs: number; tokens: number }> {
  const t0 = performance.now();
  const res = await fetch(`${replica.baseUrl}/v1/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      prompt: PROMPT,
      max_tokens: N,
      temperature: 0,
      ignore_eos: true,
      stream: true,
      stream_options: { include_usage: true },
    }),
  });
  let ttftMs = 0;
  let text = "";
  for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
    ttftMs ||= performance.now() - t0;
    text += chunk;
  }
  const ms = performance.now() - t0;
  if (!text.endsWith("data: [DONE]\n\n")) throw new Error("stream did not end with [DONE]");
  const usage = JSON.parse(text.split("\n\n").at(-3)!.slice(6)).usage as { completion_tokens: number };
  return { ms, ttftMs, tokens: usage.completion_tokens };
}

type Sequence = ReturnType<Awaited<ReturnType<typeof loadContext>>["getSequence"]>;

async function directOnce(sequence: Sequence, prompt: Parameters<Sequence["evaluate"]>[0]): Promise<number> {
  await sequence.clearHistory();
  const t0 = performance.now();
  let n = 0;
  for await (const _ of sequence.evaluate(prompt, { temperature: 0, yieldEogToken: true }))
    if (++n >= N) break;
  return performance.now() - t0;
}

async function loadContext() {
  const model = await (await cpuLlama()).loadModel({ modelPath: GGUF });
  return model.createContext({ contextSize: CONTEXT, sequences: 1, threads: 1 });
}

async function coldStarts() {
  const replica: number[] = [];
  const firstToken: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) {
    bare.push(await bareColdStart(GGUF, CONTEXT));
    const t0 = performance.now();
    const r = await startReplicaProcess({ modelPath: GGUF, contextSize: CONTEXT, threads: 1, parallel: 1 });
    replica.push(r.startMs);
    const res = await fetch(`${r.baseUrl}/v1/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: PROMPT, max_tokens: 1, temperature: 0, stream: true }),
    });
    const reader = res.body!.getReader();
    await reader.read();
    firstToken.push(performance.now() - t0);
    await reader.cancel();
    await r.stop();
  }
  return { replica: median(replica), firstToken: median(firstToken), bare: median(bare) };
}

async function main() {
  const cold = await coldStarts();
  const replica = await startReplicaProcess({
    modelPath: GGUF,
    contextSize: CONTEXT,
    threads: 1,
    parallel: 1,
  });
  // A replica outlives a parent that dies without stopping it: stop it whatever happens here.
  process.once("exit", () => replica.child.kill("SIGKILL"));
  const context = await loadContext();
  const sequence = context.getSequence();
  const prompt = [context.model.tokens.bos!, ...context.model.tokenize(PROMPT)];
  await streamOnce(replica);
  await directOnce(sequence, prompt);
  const http: number[] = [];
  const whole: number[] = [];
  const ttft: number[] = [];
  const direct: number[] = [];
  // Alternate the two, so a burst of load on the shared machine hits both alike.
  for (let i = 0; i < ROUNDS; i++) {
    const s = await streamOnce(replica);
    if (s.tokens !== N) throw new Error(`replica generated ${s.tokens} tokens, not ${N}`);
    http.push(s.ms);
    ttft.push(s.ttftMs);
    direct.push(await directOnce(sequence, prompt));
    whole.push(await wholeOnce(replica));
  }
  await replica.stop();
  await context.dispose();
  const tps = (ms: number) => (N / ms) * 1000;
  const best = (xs: number[]) => Math.min(...xs);
  const ratio = tps(median(http)) / tps(median(direct));
  const bestRatio = tps(best(http)) / tps(best(direct));
  const rows = [
    `| figure | replica (HTTP) | node-llama-cpp in-process (floor) | ratio |`,
    `|---|---|---|---|`,
    `| tokens/s, ${N} tokens, streamed, median of ${ROUNDS} | ${tps(median(http)).toFixed(0)} | ${tps(median(direct)).toFixed(0)} | **${ratio.toFixed(2)}×** (goal ≥ 0.9×: ${ratio >= 0.9 ? "met" : "missed"}) |`,
    `| tokens/s, streamed, best of ${ROUNDS} | ${tps(best(http)).toFixed(0)} | ${tps(best(direct)).toFixed(0)} | ${bestRatio.toFixed(2)}× |`,
    `| tokens/s, one JSON answer (no streaming), median / best | ${tps(median(whole)).toFixed(0)} / ${tps(best(whole)).toFixed(0)} | — | ${(tps(median(whole)) / tps(median(direct))).toFixed(2)}× / ${(tps(best(whole)) / tps(best(direct))).toFixed(2)}× |`,
    `| time to first streamed chunk, median | ${median(ttft).toFixed(1)} ms | — | — |`,
    `| cold start: spawn → ready, median of 3 | ${cold.replica.toFixed(0)} ms | ${cold.bare.toFixed(0)} ms (bare script: spawn → model and context loaded) | ${(cold.replica / cold.bare).toFixed(2)}× |`,
    `| cold start: spawn → first token, median of 3 | ${cold.firstToken.toFixed(0)} ms | — | — |`,
  ];
  const body = [
    `Run on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. infera-tiny F32 GGUF, context ${CONTEXT}, one thread, one sequence; prompt of ${prompt.length} tokens; \`ignore_eos\` so that both sides generate exactly ${N} tokens at temperature 0.`,
    "",
    ...rows,
    "",
    `The replica's figure is wall time from sending the request to \`[DONE]\` (HTTP, JSON, SSE framing, chat-free completion path, detokenization); the floor is \`sequence.evaluate\` of the same ids in this process. Cold start of the replica includes Node + tsx startup and importing the replica's code; the bare script is plain ESM. The machine is shared: the 1-minute load average was ${loadavg()[0]!.toFixed(1)} at the end of this run; at such loads the in-process floor swings as much as the replica (best-of is the steadier pair).`,
    "",
    "Cold start, what changed it (decision 0023): the first version took 7165 ms against the bare script's 2642 ms (2.71×, load ≈ 13). Two approaches, both kept: (1) the GGUF's Jinja template is used directly — node-llama-cpp's `resolveChatWrapper` spent ≈ 4.3 s matching it against its built-in wrappers; (2) node-llama-cpp and zod are imported before tsx registers its loader hooks (≈ 2–3 s through the hooks), and the model starts loading while the HTTP server comes up. Throughput needed no change: the replica's generation loop is node-llama-cpp's own `sequence.evaluate`, and SSE framing costs little next to it (the non-streamed row).",
  ].join("\n");
  console.log(body);
  if (!process.env.BENCH_NO_WRITE)
    writeSection(DOC, "## Serving: one llama.cpp replica (bench/serving-throughput.ts)", body);
}

await main();
