import type { FineTuneJobConfig } from "@infera/contracts";
import { asc, eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";

export interface BudgetLeft {
  /** Training seconds left before the budget is spent. */
  seconds: number;
  /** The budget in words, for the failure message ("2 GPU-hours", "5 USD at 1.25 USD/hour"). */
  describe: string;
}

/**
 * How much longer a job may train before its budget cap (`budget.gpu_hours`, or `budget.amount` at
 * its resource class's hourly price) is spent; null when it has none. Training time is the time the
 * job spent `running`, over every attempt since a user last retried it: a retry gives the job another
 * budget of the same size and resumes from its checkpoint. A GPU-hour is an hour of one device: a job
 * on 4 GPUs spends 4 an hour; a CPU job counts as one device.
 */
export async function budgetLeft(
  ctx: ServiceContext,
  job: { id: string; config: unknown; resourceClass: string; gpuCount: number },
): Promise<BudgetLeft | null> {
  const budget = (job.config as FineTuneJobConfig).budget;
  if (!budget) return null;
  const [resourceClass] = await ctx.db
    .select({ gpuCount: tables.resourceClasses.gpuCount, hourlyPrice: tables.resourceClasses.hourlyPrice })
    .from(tables.resourceClasses)
    .where(eq(tables.resourceClasses.name, job.resourceClass));
  const devices = Math.max(1, job.gpuCount || resourceClass?.gpuCount || 0);
  let limitSeconds: number;
  let describe: string;
  if (budget.gpu_hours !== undefined) {
    limitSeconds = (budget.gpu_hours * 3600) / devices;
    describe = `${budget.gpu_hours} GPU-hours (${devices} device${devices > 1 ? "s" : ""})`;
  } else {
    const price = Number(resourceClass?.hourlyPrice ?? 0);
    if (!(price > 0) || budget.amount === undefined) return null;
    limitSeconds = (budget.amount / price) * 3600;
    describe = `${budget.amount} ${budget.currency} at ${price} ${budget.currency}/hour`;
  }
  return { seconds: Math.max(0, limitSeconds - (await trainedSeconds(ctx, job.id))), describe };
}

/** Seconds the job spent `running` since a user last retried it (its timeline, in order). */
async function trainedSeconds(ctx: ServiceContext, jobId: string): Promise<number> {
  const t = tables.fineTuneJobTransitions;
  const rows = await ctx.db
    .select({ from: t.fromStatus, to: t.toStatus, at: t.at })
    .from(t)
    .where(eq(t.jobId, jobId))
    .orderBy(asc(t.seq));
  let total = 0;
  let since: Date | null = null;
  for (const r of rows) {
    if ((r.from === "failed" || r.from === "canceled") && r.to === "queued") total = 0;
    if (r.from === "running" && since) {
      total += r.at.getTime() - since.getTime();
      since = null;
    }
    if (r.to === "running") since = r.at;
  }
  if (since) total += ctx.now().getTime() - since.getTime();
  return total / 1000;
}
