import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { JobPayload, MetricConfig } from "@infera/contracts";
import {
  beginEvaluationRun,
  checkRegressionAnswer,
  type EvaluationGenerator,
  type EvaluationMessage,
  type EvaluationRecord,
  type EvaluationRunPlan,
  type EvaluationSampleWrite,
  type Execution,
  type Executor,
  failEvaluationRun,
  finishEvaluationRun,
  type Logger,
  type ProcessServingRuntime,
  type RegressionRecord,
  recordEvaluationSamples,
  type ServiceContext,
  scoreSample,
} from "@infera/core";
import type { JobHandler } from "../job-handler.js";
import { materializeModelFile } from "../serving/materialize-model-file.js";
import { readyPort } from "../serving/replica-health.js";
import { type ReferenceScore, scoreReference } from "../serving/score-reference.js";

export interface EvaluationRunOptions {
  /** Starts the private replica of a model-version target (the training executor: reaped after a crash). */
  executor: Executor;
  /** The process runtime replicas of services run (llama.cpp's `infera-serve`), started with the same arguments. */
  runtime: ProcessServingRuntime;
  /** Where model files are copied by digest (shared with the replica manager's cache). */
  cacheDir: string;
  /** Each target's replica runs in `<workspaceRoot>/evaluations/<run id>-<target>`. */
  workspaceRoot: string;
  /** Requests in flight per target (also the replica's `--parallel`; default 4). */
  inFlight?: number;
  /** Samples generated between two progress writes and status reads (default 2 × inFlight). */
  batchSize?: number;
  /** The replica's threads (default 2). */
  threads?: number;
  contextSize?: number;
  /** How long a replica may take to load (default 120 s). */
  readyTimeoutMs?: number;
  /** One generation's limit (default 120 s). */
  requestTimeoutMs?: number;
}

/** What one generation gave. */
interface Generated {
  output: string | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  error: string | null;
}

/** How a target answers one record. */
type Generate = (record: EvaluationRecord, signal: AbortSignal) => Promise<Generated>;

/** How a target scores a record's reference (`loss`, `perplexity`): a model version's replica only. */
type ScoreReference = (record: EvaluationRecord, signal: AbortSignal) => Promise<ReferenceScore>;

/** Why the run stops before its end: the lease is gone, or the run is no longer this worker's to write. */
class Detached extends Error {}

/**
 * `evaluation.run`: generates the missing samples of a run with each target and scores them, then
 * summarizes it (and decides its gate). A model version answers through a private, temporary
 * `infera-serve` replica started in the run's workspace (the same program and arguments a service's
 * replica gets, decision eval-runner); a service revision through the gateway, pinned to the
 * revision. Samples are written per batch, which also reads the run's status: a cancel stops within
 * a batch. Safe to run again: a retried run generates only the samples not yet written.
 */
export function evaluationRun(opts: EvaluationRunOptions): JobHandler<JobPayload<"evaluation.run">> {
  return async ({ job, ctx, signal, log }) => {
    const runId = job.payload.run_id;
    const start = await beginEvaluationRun({ ctx, runId });
    if (start.kind === "skip") {
      log.info({ runId, why: start.reason }, "nothing to evaluate");
      return;
    }
    if (start.kind === "failed") {
      await failEvaluationRun({ ctx, runId, message: start.reason });
      return;
    }
    const plan = start.plan;
    const done = new Set(plan.existing);
    try {
      for (const gen of plan.generators) {
        // A gate's regression prompts are the candidate's alone.
        const records = gen.key === "a" ? [...plan.records, ...plan.regression] : plan.records;
        const missing = records.filter((r) => !done.has(`${gen.key}:${r.index}`));
        if (!missing.length) continue;
        const stop = await runGenerator(ctx, plan, gen, missing, opts, signal, log);
        if (stop === "canceling") break;
      }
    } catch (err) {
      if (err instanceof Detached || signal.aborted) {
        log.info({ runId }, "evaluation run left for the next lease");
        return;
      }
      log.error({ runId, err: (err as Error).message }, "evaluation run failed");
      await failEvaluationRun({ ctx, runId, message: (err as Error).message });
      return;
    }
    if (signal.aborted) return;
    const ended = await finishEvaluationRun({ ctx, runId });
    if (ended)
      log.info({ runId, status: ended.status, gatePassed: ended.gatePassed }, "evaluation run ended");
  };
}

/** Generates one target's missing samples; answers `canceling` when the run was being canceled. */
async function runGenerator(
  ctx: ServiceContext,
  plan: EvaluationRunPlan,
  gen: EvaluationGenerator,
  missing: EvaluationRecord[],
  opts: EvaluationRunOptions,
  signal: AbortSignal,
  log: Logger,
): Promise<"done" | "canceling"> {
  const inFlight = opts.inFlight ?? 4;
  const batchSize = opts.batchSize ?? inFlight * 2;
  let replica: PrivateReplica | null = null;
  let generate: Generate;
  let score: ScoreReference | null = null;
  if (gen.kind === "model_version") {
    replica = await startPrivateReplica(ctx, plan, gen, opts, inFlight, signal, log);
    generate = replicaGenerator(replica.port, plan, opts);
    if (plan.metrics.some((m) => m.name === "loss" || m.name === "perplexity"))
      score = replicaScorer(replica.port, plan, opts);
  } else generate = serviceGenerator(ctx, plan, gen, opts);
  try {
    for (let i = 0; i < missing.length; i += batchSize) {
      if (signal.aborted) throw new Detached();
      const batch = missing.slice(i, i + batchSize);
      const samples = await pool(batch, inFlight, (record) =>
        generateSample(ctx, plan, gen.key, record, { generate, score }, opts, signal),
      );
      if (signal.aborted) throw new Detached();
      const wrote = await recordEvaluationSamples({ ctx, runId: plan.runId, samples });
      if (wrote.status === "canceling") return "canceling";
      if (!wrote.written) throw new Detached();
      log.info(
        { runId: plan.runId, target: gen.key, samplesDone: wrote.samplesDone },
        "evaluation batch written",
      );
    }
    return "done";
  } finally {
    await replica?.stop();
  }
}

async function generateSample(
  ctx: ServiceContext,
  plan: EvaluationRunPlan,
  target: "a" | "b",
  record: EvaluationRecord,
  how: { generate: Generate; score: ScoreReference | null },
  opts: EvaluationRunOptions,
  signal: AbortSignal,
): Promise<EvaluationSampleWrite> {
  const g = await how.generate(record, signal);
  const regression = (record as Partial<RegressionRecord>).regression;
  if (regression) return regressionSample(target, record, regression, g);
  const scores = scoreSample(plan.metrics, { output: g.output, reference: record.reference });
  // The reference's likelihood does not depend on the answer: scored whether or not it generated.
  const ref = how.score && record.reference ? await how.score(record, signal) : null;
  if (ref && "loss" in ref) {
    const wanted = new Set(plan.metrics.map((m) => m.name));
    if (wanted.has("loss")) scores.loss = ref.loss;
    if (wanted.has("perplexity")) scores.perplexity = Math.exp(ref.loss);
  }
  let judgeReason: string | null = null;
  if (g.output !== null) {
    const wanted = new Set(plan.metrics.map((m) => m.name));
    if (wanted.has("latency_ms") && g.latencyMs !== null) scores.latency_ms = g.latencyMs;
    if (wanted.has("completion_tokens") && g.completionTokens !== null)
      scores.completion_tokens = g.completionTokens;
    const judge = plan.metrics.find((m) => m.name === "judge");
    if (judge) {
      const verdict = await askJudge(ctx, plan, judge, record, g.output, opts, signal);
      if (verdict.score !== null) scores.judge = verdict.score;
      judgeReason = verdict.reason;
    }
  }
  return {
    target,
    index: record.index,
    input: record.input,
    reference: record.reference,
    output: g.output,
    scores,
    judgeReason,
    slice: record.slice,
    latencyMs: g.latencyMs,
    promptTokens: g.promptTokens,
    completionTokens: g.completionTokens,
    referenceTokens: ref && "tokens" in ref ? ref.tokens : null,
    error: g.error ?? (ref && "error" in ref ? ref.error.slice(0, 1000) : null),
  };
}

/** A regression prompt's sample: judged by its rule's checks, not scored by the run's metrics. */
function regressionSample(
  target: "a" | "b",
  record: EvaluationRecord,
  regression: RegressionRecord["regression"],
  g: Generated,
): EvaluationSampleWrite {
  const verdict = checkRegressionAnswer(regression.checks, g.output, g.error);
  return {
    target,
    index: record.index,
    input: record.input,
    reference: null,
    output: g.output,
    scores: {},
    judgeReason: null,
    slice: null,
    latencyMs: g.latencyMs,
    promptTokens: g.promptTokens,
    completionTokens: g.completionTokens,
    error: g.error,
    regression: {
      rule_id: regression.ruleId,
      prompt_index: regression.promptIndex,
      passed: verdict.passed,
      checks: verdict.checks,
    },
  };
}

interface PrivateReplica {
  port: number;
  stop(): Promise<void>;
}

/**
 * The run's own replica of a model version: its files copied from the blob store into the cache,
 * what a killed worker left in the workspace reaped, `infera-serve` started with the runtime's
 * arguments, and its ready file awaited. Never in the routing table: only this run calls it.
 */
async function startPrivateReplica(
  ctx: ServiceContext,
  plan: EvaluationRunPlan,
  gen: Extract<EvaluationGenerator, { kind: "model_version" }>,
  opts: EvaluationRunOptions,
  parallel: number,
  signal: AbortSignal,
  log: Logger,
): Promise<PrivateReplica> {
  const dir = join(opts.workspaceRoot, "evaluations", `${plan.runId}-${gen.key}`);
  // A replica a killed worker left running for this run stops before another one starts.
  await opts.executor.reap(dir);
  const readyFile = join(dir, "ready.json");
  await mkdir(dir, { recursive: true });
  await rm(readyFile, { force: true });
  const modelPath = await materializeModelFile(ctx, opts.cacheDir, gen.model);
  const adapterPath = gen.adapter ? await materializeModelFile(ctx, opts.cacheDir, gen.adapter) : null;
  const execution = await opts.executor.start({
    runId: `${plan.runId}.${gen.key}`,
    workspaceDir: dir,
    command: opts.runtime.command,
    args: opts.runtime.args({
      modelPath,
      loras: adapterPath ? [{ path: adapterPath }] : [],
      modelId: gen.label,
      port: 0,
      host: "127.0.0.1",
      contextSize: opts.contextSize ?? 4096,
      threads: opts.threads ?? 2,
      parallel,
      readyFile,
    }),
  });
  const stderr: string[] = [];
  // The output must be read to the end, or the replica blocks writing its logs.
  const drained = (async () => {
    for await (const line of execution.output) {
      if (line.stream === "stderr") {
        stderr.push(line.line);
        if (stderr.length > 20) stderr.shift();
      }
    }
  })();
  const stop = async () => {
    await execution.cancel(5000).catch(() => {});
    await drained.catch(() => {});
    // Nothing of the run's replica is kept (its ready file, the executor's record): the model stays in the cache.
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  };
  try {
    const port = await waitReady(execution, readyFile, opts.readyTimeoutMs ?? 120_000, signal, () =>
      stderr.slice(-5).join("\n"),
    );
    log.info({ runId: plan.runId, target: gen.key, port, pid: execution.pid }, "evaluation replica ready");
    return { port, stop };
  } catch (err) {
    await stop();
    if (signal.aborted) throw new Detached();
    throw new Error(`target ${gen.key} (${gen.label}): ${(err as Error).message}`);
  }
}

async function waitReady(
  execution: Execution,
  readyFile: string,
  timeoutMs: number,
  signal: AbortSignal,
  tail: () => string,
): Promise<number> {
  let exited = false;
  execution.exited.then(
    () => {
      exited = true;
    },
    () => {
      exited = true;
    },
  );
  for (const end = Date.now() + timeoutMs; ; ) {
    const port = await readyPort(readyFile);
    if (port) return port;
    if (exited) {
      const exit = await execution.exited;
      throw new Error(
        `the model's replica exited (${exit.signal ?? `code ${exit.code}`}) before it was ready${tail() ? `: ${tail()}` : ""}`,
      );
    }
    if (signal.aborted) throw new Detached();
    if (Date.now() > end)
      throw new Error(`the model's replica was not ready after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(100);
  }
}

/** The request body of a generation, by the run's generation parameters. */
function chatBody(plan: EvaluationRunPlan, record: EvaluationRecord): Record<string, unknown> {
  const g = plan.generation;
  const messages: EvaluationMessage[] =
    typeof record.input === "string" ? [{ role: "user", content: record.input }] : [...record.input];
  if (g.system_prompt && messages[0]?.role !== "system")
    messages.unshift({ role: "system", content: g.system_prompt });
  return { messages, temperature: g.temperature, top_p: g.top_p, max_tokens: g.max_tokens, stream: false };
}

function replicaGenerator(port: number, plan: EvaluationRunPlan, opts: EvaluationRunOptions): Generate {
  const base = `http://127.0.0.1:${port}/v1`;
  return async (record, signal) => {
    const g = plan.generation;
    // Messages go through the chat template; a plain prompt is completed as it is.
    const [path, body] =
      typeof record.input === "string"
        ? [
            "completions",
            {
              prompt: g.system_prompt ? `${g.system_prompt}\n\n${record.input}` : record.input,
              temperature: g.temperature,
              top_p: g.top_p,
              max_tokens: g.max_tokens,
            },
          ]
        : ["chat/completions", chatBody(plan, record)];
    return timed(
      () =>
        fetch(`${base}/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.any([signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 120_000)]),
        }),
      path === "completions" ? "text" : "chat",
    );
  };
}

function replicaScorer(port: number, plan: EvaluationRunPlan, opts: EvaluationRunOptions): ScoreReference {
  return (record, signal) => {
    const g = plan.generation;
    const timeout = AbortSignal.any([signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 120_000)]);
    const continuation = record.reference ?? "";
    // The same prompt the generation had, the reference as the answer.
    return typeof record.input === "string"
      ? scoreReference(
          port,
          { prompt: g.system_prompt ? `${g.system_prompt}\n\n${record.input}` : record.input, continuation },
          timeout,
        )
      : scoreReference(
          port,
          { messages: chatBody(plan, record).messages as unknown[], continuation },
          timeout,
        );
  };
}

function serviceGenerator(
  ctx: ServiceContext,
  plan: EvaluationRunPlan,
  gen: Extract<EvaluationGenerator, { kind: "service_revision" }>,
  opts: EvaluationRunOptions,
): Generate {
  return async (record, signal) => {
    const inference = ctx.inference;
    if (!inference)
      throw new Error(
        "service targets are called through the gateway, and this worker's process runs none: run the worker with the gateway role",
      );
    return timed(
      () =>
        inference.call({
          tenantId: plan.tenantId,
          projectId: plan.projectId,
          serviceId: gen.serviceId,
          revisionId: gen.revisionId,
          endpoint: "chat/completions",
          body: chatBody(plan, record),
          signal: AbortSignal.any([signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 120_000)]),
          userId: plan.createdBy ?? "system",
          logContent: plan.logContent,
        }),
      "chat",
    );
  };
}

/** One call, timed, read as an OpenAI answer; a refusal or a failed call is the sample's error. */
async function timed(call: () => Promise<Response>, kind: "chat" | "text"): Promise<Generated> {
  const t0 = performance.now();
  try {
    const res = await call();
    const text = await res.text();
    const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
    if (!res.ok) return failed(`HTTP ${res.status}: ${errorMessage(text)}`, latencyMs);
    const body = JSON.parse(text) as {
      choices?: { message?: { content?: string | null }; text?: string }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    const choice = body.choices?.[0];
    const output = kind === "chat" ? choice?.message?.content : choice?.text;
    if (typeof output !== "string") return failed("the answer had no text", latencyMs);
    return {
      output,
      latencyMs,
      promptTokens: body.usage?.prompt_tokens ?? null,
      completionTokens: body.usage?.completion_tokens ?? null,
      error: null,
    };
  } catch (err) {
    return failed((err as Error).message, null);
  }
}

function failed(error: string, latencyMs: number | null): Generated {
  return { output: null, latencyMs, promptTokens: null, completionTokens: null, error: error.slice(0, 1000) };
}

function errorMessage(text: string): string {
  try {
    const e = JSON.parse(text) as { error?: { message?: string } };
    return e.error?.message ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

/**
 * The judge metric: the project's judging service scores the answer 1–5 by the rubric, given the
 * prompt and the reference. An answer without a score is no score (the sample keeps a note why),
 * never a guess.
 */
async function askJudge(
  ctx: ServiceContext,
  plan: EvaluationRunPlan,
  judge: MetricConfig,
  record: EvaluationRecord,
  answer: string,
  opts: EvaluationRunOptions,
  signal: AbortSignal,
): Promise<{ score: number | null; reason: string | null }> {
  if (!judge.judge_service_id) return { score: null, reason: "no judge service configured" };
  if (!ctx.inference) return { score: null, reason: "no gateway in this worker's process to call the judge" };
  const prompt =
    typeof record.input === "string"
      ? record.input
      : record.input.map((m) => `${m.role}: ${m.content}`).join("\n");
  const rubric = judge.rubric ?? "Score how correct, complete and helpful the answer is.";
  const content = [
    `Rubric: ${rubric}`,
    `Prompt:\n${prompt}`,
    record.reference !== null ? `Reference answer:\n${record.reference}` : null,
    `Answer to grade:\n${answer}`,
    "Reply with a line `Score: N` where N is an integer from 1 (worst) to 5 (best), then a line `Reason: ` with one sentence.",
  ]
    .filter(Boolean)
    .join("\n\n");
  const res = await timed(
    () =>
      ctx.inference!.call({
        tenantId: plan.tenantId,
        projectId: plan.projectId,
        serviceId: judge.judge_service_id!,
        endpoint: "chat/completions",
        body: {
          messages: [
            { role: "system", content: "You are a strict grader of answers." },
            { role: "user", content },
          ],
          temperature: 0,
          max_tokens: 128,
          stream: false,
        },
        signal: AbortSignal.any([signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 120_000)]),
        userId: plan.createdBy ?? "system",
        logContent: plan.logContent,
      }),
    "chat",
  );
  if (res.output === null) return { score: null, reason: `the judge did not answer: ${res.error}` };
  return parseJudgeAnswer(res.output);
}

/** `Score: 4` (or the first lone digit 1–5) and the `Reason:` line; no score when neither is there. */
export function parseJudgeAnswer(text: string): { score: number | null; reason: string | null } {
  const m =
    /score\s*[:=]?\s*\**\s*([1-5])\b/i.exec(text) ?? /(?:^|[^\d.])([1-5])(?:\s*\/\s*5)?(?![\d.])/.exec(text);
  const reasonMatch = /reason\s*:\s*(.+)/i.exec(text);
  const reason = (reasonMatch?.[1] ?? text).trim().slice(0, 1000);
  if (!m) return { score: null, reason: `the judge's answer had no 1–5 score: ${text.trim().slice(0, 300)}` };
  return { score: Number(m[1]), reason };
}

/** Runs `fn` over the items with at most `limit` in flight, keeping the items' order in the results. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
