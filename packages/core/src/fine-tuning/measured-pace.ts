import type { FineTuneJobConfig } from "@infera/contracts";
import { and, desc, eq, isNotNull, tables } from "@infera/db";
import type { TxContext } from "../shared/transaction.js";

/** Finished jobs whose pace (seconds per step) estimates a new job's duration. */
const PACE_SAMPLE = 20;
/** One measured job says nothing of the spread: its pace from ×0.75 to ×1.5 (data lengths vary more upward). */
const SINGLE_JOB_SPREAD = { low: 0.75, high: 1.5 } as const;

interface MeasuredPace {
  /** Median seconds per step (null until a job like it has succeeded). */
  seconds: number | null;
  /** 10th and 90th percentile seconds per step, or the single-job spread. */
  low: number | null;
  high: number | null;
  jobs: number;
}

/** The value at share `q` of sorted `values` (nearest rank). */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The seconds per step of the last jobs that succeeded on this runtime and resource class: median and spread. */
export async function measuredPace(
  tx: TxContext,
  config: Pick<FineTuneJobConfig, "runtime" | "resource_class">,
): Promise<MeasuredPace> {
  const j = tables.fineTuneJobs;
  const rows = await tx.db
    .select({ startedAt: j.startedAt, finishedAt: j.finishedAt, progress: j.progress })
    .from(j)
    .where(
      and(
        eq(j.status, "succeeded"),
        eq(j.runtime, config.runtime),
        eq(j.resourceClass, config.resource_class),
        isNotNull(j.progress),
      ),
    )
    .orderBy(desc(j.finishedAt))
    .limit(PACE_SAMPLE);
  const paces = rows
    .map((r) => {
      const steps = Number((r.progress as { step?: number } | null)?.step ?? 0);
      const seconds = r.startedAt && r.finishedAt ? (+r.finishedAt - +r.startedAt) / 1000 : 0;
      return steps > 0 && seconds > 0 ? seconds / steps : null;
    })
    .filter((p): p is number => p !== null)
    .sort((a, b) => a - b);
  if (!paces.length) return { seconds: null, low: null, high: null, jobs: 0 };
  const median = paces[Math.floor(paces.length / 2)]!;
  if (paces.length === 1)
    return {
      seconds: median,
      low: median * SINGLE_JOB_SPREAD.low,
      high: median * SINGLE_JOB_SPREAD.high,
      jobs: 1,
    };
  return { seconds: median, low: percentile(paces, 0.1), high: percentile(paces, 0.9), jobs: paces.length };
}
