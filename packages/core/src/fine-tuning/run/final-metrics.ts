import type { TrainingMetrics } from "@infera/contracts";
import { and, desc, eq, sql, tables } from "@infera/db";
import type { TxContext } from "../../shared/transaction.js";

/** What the runtime's `completed` event said of the run. */
export interface RunSummary {
  steps: number;
  finalLoss?: number;
  bestEvalLoss?: number;
}

/**
 * A succeeded run's final metrics (seed 004 FR36): the training loss from the runtime's summary (or
 * its last reported loss), and the last validation loss it reported with its perplexity — the
 * runtime's own `perplexity` when it sent one, else exp(eval_loss). No validation split: nulls.
 */
export async function finalMetrics(
  tx: TxContext,
  jobId: string,
  summary: RunSummary,
): Promise<TrainingMetrics> {
  const lastWith = async (key: string) => {
    const e = tables.fineTuneJobEvents;
    const [row] = await tx.db
      .select({ data: e.data })
      .from(e)
      .where(and(eq(e.jobId, jobId), eq(e.type, "metrics"), sql`${e.data} ? ${key}`))
      .orderBy(desc(e.seq))
      .limit(1);
    return row?.data;
  };
  const evaluated = await lastWith("eval_loss");
  const evalLoss = finite(evaluated?.eval_loss);
  const trainLoss = finite(summary.finalLoss) ?? finite((await lastWith("loss"))?.loss);
  return {
    steps: summary.steps,
    train_loss: trainLoss,
    eval_loss: evalLoss,
    perplexity: evalLoss === null ? null : (finite(evaluated?.perplexity) ?? Math.exp(evalLoss)),
    best_eval_loss: finite(summary.bestEvalLoss) ?? evalLoss,
  };
}

function finite(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
