import type { JobPayload } from "@infera/contracts";
import {
  beginEvaluationRun,
  checkRegressionAnswer,
  type EvaluationGenerator,
  type EvaluationRecord,
  type EvaluationRunPlan,
  type EvaluationSampleWrite,
  failEvaluationRun,
  finishEvaluationRun,
  type Logger,
  type RegressionRecord,
  recordEvaluationSamples,
  type ServiceContext,
  scoreSample,
} from "@infera/core";
import type { JobHandler } from "../job-handler.js";
import {
  type Generate,
  type Generated,
  replicaGenerator,
  replicaScorer,
  type ScoreReference,
  serviceGenerator,
} from "./evaluation-run/generators.js";
import { askJudge } from "./evaluation-run/judge.js";
import { Detached, type EvaluationRunOptions } from "./evaluation-run/options.js";
import { type PrivateReplica, startPrivateReplica } from "./evaluation-run/private-replica.js";

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
