import { createReadStream } from "node:fs";
import { basename, join } from "node:path";
import type { JobPayload } from "@infera/contracts";
import {
  beginFineTuneRun,
  type Executor,
  type FineTuneRunPlan,
  finishFineTuneRun,
  type Logger,
  type RunArtifactFile,
  type RunOutcome,
  type ServiceContext,
  type TrainerRuntime,
} from "@infera/core";
import type { JobHandler } from "../job-handler.js";
import { type FollowResult, followRun } from "../training/follow-run.js";
import { layOutWorkspace } from "../training/lay-out-workspace.js";

export interface FineTuningRunOptions {
  executor: Executor;
  /** The runtimes this worker can start, by name (the job names one). */
  runtimes: readonly TrainerRuntime[];
  /**
   * Each job trains in `<workspaceRoot>/<job id>` (inputs, checkpoints, outputs); its checkpoints
   * are also copied to the blob store, so the folder need not be shared between nodes.
   */
  workspaceRoot: string;
  /** This worker's node (registered): its timeline name, and where a resumed attempt is placed again. */
  worker: { id: string; name: string };
  /** SIGTERM → SIGKILL grace of a stop; the runtime writes a checkpoint meanwhile (default 30 s). */
  cancelGraceMs?: number;
  /** How often reported events are written (default 200 ms: a curve point reaches the console in well under a second). */
  flushMs?: number;
  /** How often the job's status is read when nothing is reported (default 2 s). */
  statusPollMs?: number;
}

/**
 * `fine_tuning.job.run`: trains one placed job attempt on this worker. The job moves to running,
 * its inputs are laid out in its workspace, the runtime's command runs under the executor, its
 * output becomes the job's event log, and the end is written: a new model version, or a failure
 * with its reason and suggestion, or canceled. Safe to run again: a run cut off by a crash is found
 * by the next lease of this item (the job is still running), which queues the next attempt to
 * resume from the checkpoint.
 */
export function fineTuningJobRun(opts: FineTuningRunOptions): JobHandler<JobPayload<"fine_tuning.job.run">> {
  return async ({ job, ctx, signal, log }) => {
    const start = await beginFineTuneRun({
      ctx,
      jobId: job.payload.job_id,
      attempt: job.payload.attempt,
      worker: opts.worker,
    });
    if (start.kind === "skip") {
      log.info(
        { jobId: job.payload.job_id, attempt: job.payload.attempt, why: start.reason },
        "nothing to run",
      );
      return;
    }
    await train(ctx, start.plan, opts, signal, log);
  };
}

async function train(
  ctx: ServiceContext,
  plan: FineTuneRunPlan,
  opts: FineTuningRunOptions,
  signal: AbortSignal,
  log: Logger,
): Promise<void> {
  const end = (outcome: RunOutcome) =>
    finishFineTuneRun({ ctx, jobId: plan.jobId, attempt: plan.attempt, outcome });
  const runtime = opts.runtimes.find((r) => r.name === plan.runtime);
  if (!runtime) {
    await end({
      kind: "failed",
      reason: "unsupported",
      message: `the runtime ${plan.runtime} is not installed on worker ${opts.worker.name}`,
      suggestion: `Clone the job with one of: ${opts.runtimes.map((r) => r.name).join(", ")}.`,
    });
    return;
  }
  const dir = join(opts.workspaceRoot, plan.jobId);
  // What a killed worker left running in this workspace stops before anything is written to it.
  await opts.executor.reap(dir);
  let execution: Awaited<ReturnType<Executor["start"]>>;
  try {
    const { specPath, restoredStep } = await layOutWorkspace(ctx, plan, dir);
    if (restoredStep !== null)
      log.info(
        { jobId: plan.jobId, attempt: plan.attempt, step: restoredStep },
        "checkpoint restored from the blob store",
      );
    execution = await opts.executor.start({
      runId: `${plan.jobId}.${plan.attempt}`,
      workspaceDir: dir,
      command: runtime.command,
      args: runtime.args(specPath, { resume: plan.resume }),
      ...(plan.memoryLimitBytes ? { memoryLimitBytes: plan.memoryLimitBytes } : {}),
      gpuIndices: plan.gpuIndices,
    });
  } catch (err) {
    if (signal.aborted) return;
    log.error({ jobId: plan.jobId, err: (err as Error).message }, "could not start the run");
    await end({
      kind: "failed",
      reason: "internal",
      message: `could not start the run: ${(err as Error).message}`,
      suggestion: "Retry the job; if it fails the same way, report it with this message.",
    });
    return;
  }
  const followed = await followRun({
    ctx,
    jobId: plan.jobId,
    attempt: plan.attempt,
    execution,
    signal,
    log,
    cancelGraceMs: opts.cancelGraceMs ?? 30_000,
    flushMs: opts.flushMs ?? 200,
    statusPollMs: opts.statusPollMs ?? 2_000,
    budgetMs: plan.budget ? plan.budget.seconds * 1000 : null,
    workspaceDir: dir,
  });
  // Lease lost or worker stopping: the next lease of this item finds the job running and resumes it.
  if (followed.detached) return;
  await end(await outcomeOf(ctx, followed, plan));
}

/** How the run ended, in the job's terms; a success's files are put in the blob store first. */
async function outcomeOf(ctx: ServiceContext, run: FollowResult, plan: FineTuneRunPlan): Promise<RunOutcome> {
  if (run.end?.type === "completed") {
    const files: RunArtifactFile[] = [];
    for (const a of run.artifacts) {
      if (a.kind === "checkpoint") continue;
      await ctx.blobs.put(createReadStream(a.path), { expectedSha256: a.sha256, expectedSize: a.size_bytes });
      files.push({ path: basename(a.path), sha256: a.sha256 });
    }
    if (!files.length)
      return {
        kind: "failed",
        reason: "internal",
        message: "the runtime reported success but no output files",
        suggestion: "Report this with the job's log.",
      };
    const loss = run.end.final_loss !== undefined ? `, final loss ${run.end.final_loss.toFixed(4)}` : "";
    return {
      kind: "succeeded",
      files,
      notes: `fine-tuned by job ${plan.jobId} (${run.end.step} steps${loss})`,
      summary: { steps: run.end.step, finalLoss: run.end.final_loss, bestEvalLoss: run.end.best_eval_loss },
    };
  }
  // Spent before the runtime could finish: it stopped with a checkpoint, which a retry resumes from.
  // (The runtime reports its stop on SIGTERM as failed/canceled; another failure at that moment wins.)
  if (
    run.budgetExceeded &&
    !run.cancelRequested &&
    (run.end === null || (run.end.type === "failed" && run.end.reason === "canceled"))
  )
    return {
      kind: "failed",
      reason: "budget_exceeded",
      message: `the job spent its budget of ${plan.budget?.describe ?? "its cap"} and was stopped with a checkpoint`,
      suggestion:
        "Retry it to continue from the checkpoint with another budget of the same size, or clone it with a larger budget (or none).",
    };
  if (run.end?.type === "failed")
    return {
      kind: "failed",
      reason: run.end.reason,
      message: run.end.message,
      suggestion: run.end.suggestion ?? null,
    };
  if (run.exit.memoryLimitExceeded)
    return {
      kind: "failed",
      reason: "out_of_memory",
      message: `the run used more than the ${formatBytes(plan.memoryLimitBytes)} of memory its resource class allows and was stopped`,
      suggestion:
        "Lower batch_size or max_length, use LoRA instead of full fine-tuning, or pick a resource class with more memory.",
    };
  if (run.cancelRequested) return { kind: "canceled" };
  const how = run.exit.signal ? `was killed by ${run.exit.signal}` : `exited with code ${run.exit.code}`;
  const tail = run.stderrTail.slice(-5).join("\n");
  return {
    kind: "failed",
    reason: "internal",
    message: `the runtime ${how} without reporting how it ended${tail ? `; its last error output:\n${tail}` : ""}`,
    suggestion:
      "Look at the job's logs; retry the job if the cause was outside it (it resumes from its last checkpoint).",
  };
}

function formatBytes(n: number | null): string {
  if (!n) return "memory";
  return `${(n / 1024 ** 3).toFixed(1)} GiB`;
}
