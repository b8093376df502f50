import type { FineTuneJobConfig } from "@infera/contracts";
import { and, eq, like, sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { type TxContext, withTransaction } from "../../shared/transaction.js";
import type { JobRow } from "../job-access.js";
import { transitionJob } from "../job-state-machine.js";
import { type JobPlacement, placeFineTuneJob } from "../scheduling/place-fine-tune-job.js";
import { requestSchedulingPass } from "../scheduling/request-scheduling-pass.js";
import { type BudgetLeft, budgetLeft } from "./budget-left.js";
import { finishFineTuneRun, notifyCreator } from "./finish-fine-tune-run.js";

/** Runs of one job a lost node may cost before the job ends `failed` with `node_lost`. */
export const MAX_NODE_LOSSES = 2;
const NODE_LOST = "node lost";

/** What a worker needs to train a placed job: its settings and where its inputs are. */
export interface FineTuneRunPlan {
  jobId: string;
  attempt: number;
  tenantId: string;
  projectId: string;
  config: FineTuneJobConfig;
  runtime: string;
  /** The base version's files, to lay out as the runtime's base model folder. */
  baseFiles: { path: string; sha256: string; size: number }[];
  trainVersionId: string;
  validationVersionId: string | null;
  /** The resource class's memory: the run's process tree is killed above it (null: no limit). */
  memoryLimitBytes: number | null;
  /** An earlier attempt ran: continue from the latest checkpoint in the workspace when there is one. */
  resume: boolean;
  /** The GPUs of this node the scheduler gave the job (CUDA_VISIBLE_DEVICES); none for a CPU job. */
  gpuIndices: number[];
  /** The budget cap's training time left: the run is stopped (with a checkpoint) when it is spent. */
  budget: BudgetLeft | null;
}

export type FineTuneRunStart = { kind: "run"; plan: FineTuneRunPlan } | { kind: "skip"; reason: string };

/**
 * Called by the worker that leased a job's run item, for the attempt it names. A placed job
 * (`starting`) moves to `running` on this worker. A job still `running` (or `canceling`) at this
 * point was being trained by a worker that died or stopped before finishing: it goes back to the
 * queue with the next attempt (placed again at once: it keeps the slot it held), which resumes
 * from its last checkpoint, or ends `failed` with `node_lost` after MAX_NODE_LOSSES such losses; a
 * job that was being canceled ends `canceled`. Anything else (canceled meanwhile, a newer attempt)
 * leaves nothing to do.
 */
export async function beginFineTuneRun({
  ctx,
  jobId,
  attempt,
  worker,
}: {
  ctx: ServiceContext;
  jobId: string;
  attempt: number;
  /** The node of the worker that leased the run item (its id is the node's id). */
  worker: { id: string; name: string };
}): Promise<FineTuneRunStart> {
  const outcome = await withTransaction(ctx, async (tx) => {
    const j = tables.fineTuneJobs;
    const [job] = await tx.db.select().from(j).where(eq(j.id, jobId)).for("update");
    if (!job) return { kind: "skip" as const, reason: "the job no longer exists" };
    if (job.attempt !== attempt)
      return { kind: "skip" as const, reason: `attempt ${attempt} is over (the job is at ${job.attempt})` };
    if (job.status === "starting") {
      const running = await transitionJob(tx, job, "running", `training on ${worker.name}`);
      // Only the first run of a job tells its creator; a resume after a lost node is not news.
      if (running.attempt === 1) await notifyCreator(tx, running);
      return { kind: "run" as const, job: running };
    }
    if (job.status === "running") {
      // This worker's node takes the next attempt back, with the GPUs the job held on it.
      const gpuIndices = job.nodeId === worker.id ? (job.gpuIndices ?? []) : [];
      await loseFineTuneRunNode(tx, job, `attempt ${job.attempt} stopped without finishing`, {
        ...worker,
        gpuIndices,
      });
      return { kind: "skip" as const, reason: "the previous run of this attempt was cut off" };
    }
    if (job.status === "canceling") {
      await transitionJob(tx, job, "canceled", "canceled (its worker stopped while it was stopping)");
      return { kind: "skip" as const, reason: "the job was being canceled" };
    }
    return { kind: "skip" as const, reason: `the job is ${job.status}` };
  });
  if (outcome.kind === "skip") return outcome;
  return { kind: "run", plan: await planOf(ctx, outcome.job) };
}

/**
 * The run that held this job's attempt will not finish (its worker died, or its node went
 * offline): queue the next attempt — placed again at once on `placeOn` when given (the same node
 * coming back keeps its slot), else left for the scheduler to place elsewhere — or, after
 * MAX_NODE_LOSSES such losses since the last retry, end the job `failed` with `node_lost`.
 */
export async function loseFineTuneRunNode(
  tx: TxContext,
  job: JobRow,
  what: string,
  placeOn: JobPlacement | null,
): Promise<void> {
  // Losses since the job was last retried by a user: a retry starts the count again.
  const t = tables.fineTuneJobTransitions;
  const [lost] = await tx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(
      and(
        eq(t.jobId, job.id),
        like(t.reason, `${NODE_LOST}%`),
        sql`${t.seq} > coalesce((select max(r.seq) from fine_tune_job_transitions r where r.job_id = ${job.id} and r.from_status in ('failed', 'canceled') and r.to_status = 'queued'), 0)`,
      ),
    );
  if (Number(lost?.n ?? 0) >= MAX_NODE_LOSSES) {
    await finishFineTuneRun({
      ctx: tx,
      jobId: job.id,
      attempt: job.attempt,
      outcome: {
        kind: "failed",
        reason: "node_lost",
        message: `the job's worker stopped before it finished, ${MAX_NODE_LOSSES + 1} times`,
        suggestion:
          "Check the workers' logs and memory (a worker killed by the system takes its job with it), then retry: the job resumes from its last checkpoint.",
      },
    });
    return;
  }
  const requeued = await transitionJob(
    tx,
    job,
    "queued",
    `${NODE_LOST}: ${what}; it resumes from its last checkpoint`,
    { set: { attempt: job.attempt + 1 } },
  );
  if (placeOn) await placeFineTuneJob(tx, requeued, placeOn);
  else await requestSchedulingPass(tx);
}

async function planOf(ctx: ServiceContext, job: JobRow): Promise<FineTuneRunPlan> {
  const f = tables.modelVersionFiles;
  const baseFiles = await ctx.db
    .select({ path: f.path, sha256: f.sha256, size: f.size })
    .from(f)
    .where(eq(f.versionId, job.baseModelVersionId));
  const [resourceClass] = await ctx.db
    .select({ memoryBytes: tables.resourceClasses.memoryBytes })
    .from(tables.resourceClasses)
    .where(eq(tables.resourceClasses.name, job.resourceClass));
  return {
    jobId: job.id,
    attempt: job.attempt,
    tenantId: job.tenantId,
    projectId: job.projectId,
    config: job.config as FineTuneJobConfig,
    runtime: job.runtime,
    baseFiles,
    trainVersionId: job.datasetVersionId,
    validationVersionId: job.validationDatasetVersionId,
    memoryLimitBytes: resourceClass?.memoryBytes ?? null,
    resume: job.attempt > 1,
    gpuIndices: job.gpuIndices ?? [],
    budget: await budgetLeft(ctx, job),
  };
}
