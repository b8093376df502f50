import type { RegressionSampleResult } from "@infera/contracts";
import { count, eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import type { EvaluationMessage } from "./evaluation-records.js";

/** One generated (or failed) answer with its scores, as the runner writes it. */
export interface EvaluationSampleWrite {
  target: "a" | "b";
  index: number;
  input: string | EvaluationMessage[];
  reference: string | null;
  output: string | null;
  scores: Record<string, number>;
  judgeReason: string | null;
  slice: string | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  /** Reference tokens scored for `loss` / `perplexity`; null when they were not asked or not scored. */
  referenceTokens?: number | null;
  error: string | null;
  /** A regression prompt's check results (absent for dataset records). */
  regression?: RegressionSampleResult | null;
}

/**
 * Writes a batch of samples (each (target, index) once: a sample already there stays as it was, so a
 * retried batch or a second worker cannot duplicate one) and the run's progress, and answers the
 * run's status: the runner stops at `canceling`, and writes nothing to a run that is no longer
 * running (`written: false`).
 */
export async function recordEvaluationSamples({
  ctx,
  runId,
  samples,
}: {
  ctx: ServiceContext;
  runId: string;
  samples: readonly EvaluationSampleWrite[];
}): Promise<{ status: string | null; written: boolean; samplesDone: number }> {
  return withTransaction(ctx, async (tx) => {
    const r = tables.evaluationRuns;
    const [run] = await tx.db
      .select({ status: r.status, samplesDone: r.samplesDone })
      .from(r)
      .where(eq(r.id, runId))
      .for("update");
    if (!run) return { status: null, written: false, samplesDone: 0 };
    if (run.status !== "running") return { status: run.status, written: false, samplesDone: run.samplesDone };
    const s = tables.evaluationSamples;
    if (samples.length)
      await tx.db
        .insert(s)
        .values(
          samples.map((x) => ({
            runId,
            target: x.target,
            index: x.index,
            input: x.input,
            reference: x.reference,
            output: x.output,
            scores: x.scores,
            judgeReason: x.judgeReason,
            slice: x.slice,
            latencyMs: x.latencyMs,
            promptTokens: x.promptTokens,
            completionTokens: x.completionTokens,
            referenceTokens: x.referenceTokens ?? null,
            error: x.error,
            regression: x.regression ?? null,
          })),
        )
        .onConflictDoNothing();
    const [{ n } = { n: 0 }] = await tx.db.select({ n: count() }).from(s).where(eq(s.runId, runId));
    await tx.db.update(r).set({ samplesDone: n, updatedAt: tx.now() }).where(eq(r.id, runId));
    return { status: run.status, written: true, samplesDone: n };
  });
}
