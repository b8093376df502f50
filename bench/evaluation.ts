/**
 * Evaluation runner benchmark (issue 13): samples/s of an `evaluation.run` of the bundled
 * infera-tiny on the example test split (support-routing, chat records) through the real runner —
 * server, queue, worker, dataset read from the blob store, a private `infera-serve` replica, HTTP per
 * sample, scoring, batch writes, summary — against generating the same prompts directly with
 * node-llama-cpp in this process (same GGUF, same chat template, same sequences in parallel, same
 * threads, same max tokens, temperature 0). Both sides include their model load. Goal ≥ 0.8×.
 *
 *   npx tsx bench/evaluation.ts      # BENCH_SAMPLES (default 100), BENCH_MAX_TOKENS (default 16), BENCH_NO_WRITE=1
 */
import { readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { insertEvaluationRun, withTransaction } from "@infera/core";
import { eq, tables } from "@infera/db";
import { INFERA_TINY_DIR, MODEL_FILES } from "@infera/runtimes/formats";
import { cpuLlama } from "@infera/runtimes/llamacpp";
import { BUNDLED_MODEL_DIR } from "@infera/server";
import { createWorld, startTestServer, uploadBytes } from "@infera/server/testing";
import { type ChatHistoryItem, JinjaTemplateChatWrapper, type Token } from "node-llama-cpp";
import { writeSection } from "./lib/benchmarks-md.js";

const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const SPLIT = fileURLToPath(
  new URL("../packages/runtimes/assets/examples/support-routing/test.jsonl", import.meta.url),
);
const GGUF = join(INFERA_TINY_DIR, MODEL_FILES.gguf);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const MAX_TOKENS = Number(process.env.BENCH_MAX_TOKENS ?? 16);
// What main.ts gives the runner: 4 requests in flight (the replica's --parallel), 2 threads, context 4096.
const PARALLEL = 4;
const THREADS = 2;
const CONTEXT = 4096;

const lines = readFileSync(SPLIT, "utf8").trim().split("\n").slice(0, SAMPLES);
const conversations = lines.map((l) =>
  (JSON.parse(l) as { messages: { role: string; content: string }[] }).messages.slice(0, -1),
);

async function throughRunner(): Promise<{ seconds: number; samples: number; tokens: number }> {
  const dir = join(tmpdir(), `infera-bench-eval-${process.pid}`);
  const server = await startTestServer(
    { INFERA_DATA_DIR: dir, INFERA_WORKER_POLL_MS: "100" },
    { systemModelDir: BUNDLED_MODEL_DIR },
  );
  try {
    const w = await createWorld(server.url);
    const dev = w.users.developer!.client;
    const models = await dev.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id as string;
    const [version] = await server.systemCtx.db
      .select({ id: tables.modelVersions.id })
      .from(tables.modelVersions)
      .where(eq(tables.modelVersions.modelId, tiny));
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name: "support-test" });
    const sha256 = await uploadBytes(dev, w.projectId, `${lines.join("\n")}\n`, "test.jsonl");
    const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256, name: "test.jsonl" }],
    });
    if (v.status !== 201) throw new Error(v.text);
    const runId = await withTransaction(server.systemCtx, (tx) =>
      insertEvaluationRun(tx, {
        tenantId: w.tenantId,
        projectId: w.projectId,
        kind: "automatic",
        name: "bench",
        targets: [
          {
            key: "a",
            kind: "model_version",
            model_id: tiny,
            model_version_id: version!.id,
            service_id: null,
            revision_id: null,
            label: "infera-tiny",
            role: "evaluated",
          },
        ],
        datasetId: d.body.data.id,
        datasetVersionId: v.body.data.id,
        config: {
          seed: 42,
          metrics: [{ name: "exact_match" }, { name: "completion_tokens" }],
          generation: { temperature: 0, top_p: 1, max_tokens: MAX_TOKENS },
        },
        createdBy: w.users.developer!.id,
      }),
    );
    for (;;) {
      const [run] = await server.systemCtx.db
        .select()
        .from(tables.evaluationRuns)
        .where(eq(tables.evaluationRuns.id, runId));
      if (run && ["succeeded", "failed", "canceled"].includes(run.status)) {
        if (run.status !== "succeeded") throw new Error(`the run ended ${run.status}: ${run.error}`);
        const samples = await server.systemCtx.db
          .select({ t: tables.evaluationSamples.completionTokens })
          .from(tables.evaluationSamples)
          .where(eq(tables.evaluationSamples.runId, runId));
        return {
          seconds: (run.finishedAt!.getTime() - run.startedAt!.getTime()) / 1000,
          samples: samples.length,
          tokens: samples.reduce((s, x) => s + (x.t ?? 0), 0),
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/** The same conversations, generated in this process: load, then PARALLEL sequences taking prompts in turn. */
async function direct(): Promise<{ seconds: number; samples: number; tokens: number }> {
  const t0 = performance.now();
  const model = await (await cpuLlama()).loadModel({ modelPath: GGUF });
  const context = await model.createContext({ contextSize: CONTEXT, sequences: PARALLEL, threads: THREADS });
  const template = model.fileInfo.metadata.tokenizer?.chat_template;
  if (typeof template !== "string") throw new Error("infera-tiny has no chat template");
  const wrapper = new JinjaTemplateChatWrapper({ template, tokenizer: model.tokenizer });
  const bos = model.tokens.bos;
  const prompt = (messages: { role: string; content: string }[]): Token[] => {
    const history: ChatHistoryItem[] = messages.map((m) =>
      m.role === "system"
        ? { type: "system", text: m.content }
        : m.role === "user"
          ? { type: "user", text: m.content }
          : { type: "model", response: [m.content] },
    );
    history.push({ type: "model", response: [] });
    const tokens = wrapper
      .generateContextState({ chatHistory: history })
      .contextText.tokenize(model.tokenizer);
    return bos !== null && model.tokens.shouldPrependBosToken && tokens[0] !== bos
      ? [bos, ...tokens]
      : tokens;
  };
  let next = 0;
  let tokens = 0;
  const outputs: string[] = [];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      const sequence = context.getSequence();
      for (;;) {
        const i = next++;
        if (i >= conversations.length) return;
        await sequence.clearHistory();
        const generated: Token[] = [];
        for await (const token of sequence.evaluate(prompt(conversations[i]!), {
          temperature: 0,
          yieldEogToken: true,
        })) {
          if (model.isEogToken(token)) break;
          generated.push(token);
          if (generated.length >= MAX_TOKENS) break;
        }
        tokens += generated.length;
        outputs[i] = model.detokenize(generated);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await context.dispose();
  await model.dispose();
  return { seconds, samples: outputs.length, tokens };
}

async function main() {
  // The in-process side first, then the runner; then again, keeping each side's best (a shared machine).
  const d1 = await direct();
  const r1 = await throughRunner();
  const d2 = await direct();
  const r2 = await throughRunner();
  const d = d1.seconds < d2.seconds ? d1 : d2;
  const r = r1.seconds < r2.seconds ? r1 : r2;
  const rate = (x: { samples: number; seconds: number }) => x.samples / x.seconds;
  const ratio = rate(r) / rate(d);
  const body = [
    `Run on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. infera-tiny F32 GGUF; the first ${SAMPLES} records of the example test split (support-routing, chat), at most ${MAX_TOKENS} tokens each, temperature 0; ${PARALLEL} in flight / sequences, ${THREADS} threads, context ${CONTEXT}, on both sides. Best of two runs of each side.`,
    "",
    "| figure | runner (`evaluation.run`) | node-llama-cpp in-process | ratio |",
    "|---|---|---|---|",
    `| samples/s, model load included | ${rate(r).toFixed(2)} (${r.samples} in ${r.seconds.toFixed(1)} s) | ${rate(d).toFixed(2)} (${d.samples} in ${d.seconds.toFixed(1)} s) | **${ratio.toFixed(2)}×** (goal ≥ 0.8×: ${ratio >= 0.8 ? "met" : "missed"}) |`,
    `| generated tokens | ${r.tokens} | ${d.tokens} | — |`,
    "",
    `The runner's time is the run's \`started_at\` → \`finished_at\`: reading the dataset version from the blob store, copying the GGUF into the model cache, starting \`infera-serve\` (Node + tsx, model load), one HTTP request per sample, scoring, a database write per batch of 8, the summary with its bootstrap intervals and the audit event. The in-process side is model load + context + the same chat template and the same greedy generation. The 1-minute load average was ${loadavg()[0]!.toFixed(1)} at the end of this run.`,
  ].join("\n");
  console.log(body);
  if (!process.env.BENCH_NO_WRITE)
    writeSection(DOC, "## Evaluation: runner throughput (bench/evaluation.ts)", body);
}

await main();
