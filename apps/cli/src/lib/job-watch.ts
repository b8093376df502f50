import { InferaApiError, type InferaClient } from "@infera/client";
import type { FineTuneJobDetail, FineTuneJobStatus } from "@infera/contracts";
import { EXIT_JOB_CANCELED, EXIT_JOB_FAILED } from "./exit-codes.js";
import { fmtDuration, queueText, transitionLine } from "./job-output.js";
import { fmtTime } from "./output.js";

/**
 * Where `watch` learns about a job: a stream of snapshots of its detail. Today it polls
 * `GET /fine-tuning/jobs/{id}`; once the events route exists an SSE source yields the same
 * snapshots and nothing else in `watch` changes.
 */
export type JobSource = (jobId: string) => AsyncIterable<FineTuneJobDetail>;

const FINISHED: readonly FineTuneJobStatus[] = ["succeeded", "failed", "canceled"];
export const isFinished = (s: FineTuneJobStatus) => FINISHED.includes(s);

/**
 * Polls the job detail every `intervalMs` until the job has finished (the last snapshot included).
 * A server that cannot be reached (restarting after a crash: the job resumes by itself) is asked
 * again until `patienceMs` have passed without an answer; `onReach` says when it went and came back.
 */
export function pollingSource(
  client: Pick<InferaClient, "fineTuning">,
  intervalMs: number,
  opts: { patienceMs?: number; onReach?: (reachable: boolean, err?: Error) => void } = {},
): JobSource {
  const patienceMs = opts.patienceMs ?? 300_000;
  return async function* poll(jobId) {
    let lostSince: number | null = null;
    for (;;) {
      let job: FineTuneJobDetail | undefined;
      try {
        job = await client.fineTuning.jobs.get(jobId);
      } catch (err) {
        if (!(err instanceof InferaApiError) || err.code !== "service_unavailable") throw err;
        if (lostSince === null) {
          lostSince = Date.now();
          opts.onReach?.(false, err);
        } else if (Date.now() - lostSince > patienceMs) throw err;
      }
      if (job) {
        if (lostSince !== null) opts.onReach?.(true);
        lostSince = null;
        yield job;
        if (isFinished(job.status)) return;
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
}

/** The exit status of an outcome: succeeded 0, failed 9, canceled 10. */
export function exitCodeOfOutcome(status: FineTuneJobStatus): number {
  if (status === "failed") return EXIT_JOB_FAILED;
  if (status === "canceled") return EXIT_JOB_CANCELED;
  return 0;
}

/** Training progress, when the job detail carries it (the runtime's step, loss and ETA). */
export interface JobProgress {
  step: number;
  total_steps: number | null;
  loss: number | null;
  eta_seconds: number | null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * Reads progress from the detail without depending on its exact shape yet: a `progress` object or
 * top-level fields (`step`, `total_steps`, `loss`, `eta_seconds`). Undefined when there is none.
 */
export function progressOf(job: FineTuneJobDetail): JobProgress | undefined {
  const raw = job as unknown as Record<string, unknown>;
  const p = (typeof raw.progress === "object" && raw.progress !== null ? raw.progress : raw) as Record<
    string,
    unknown
  >;
  const step = num(p.step);
  if (step === null) return undefined;
  return {
    step,
    total_steps: num(p.total_steps ?? p.total),
    loss: num(p.loss ?? p.train_loss),
    // A queued job's eta_seconds is the wait in the queue, not training time.
    eta_seconds: job.status === "running" ? num(p.eta_seconds ?? p.eta) : null,
  };
}

export function progressLine(p: JobProgress): string {
  const parts = [`step ${p.step}${p.total_steps ? `/${p.total_steps}` : ""}`];
  if (p.total_steps) parts.push(`${Math.floor((100 * p.step) / p.total_steps)}%`);
  if (p.loss !== null) parts.push(`loss ${p.loss.toFixed(4)}`);
  if (p.eta_seconds !== null) parts.push(`ETA ${fmtDuration(p.eta_seconds * 1000)}`);
  return parts.join("  ");
}

/** What `watch` reports, as lines for people or as JSON events (`--json`). */
export type WatchEvent =
  | { type: "transition"; seq: number; from: string | null; to: string; reason: string; at: string }
  | { type: "queue"; position: number | null; eta_seconds: number | null }
  | ({ type: "progress" } & JobProgress);

/**
 * Follows a job from `source`, calling `emit` for each new transition, queue position and progress,
 * and answers the final snapshot. Transitions are told apart by `seq`, so a source that repeats a
 * snapshot (a poll) or replays one (an SSE reconnect) prints nothing twice.
 */
export async function followJob(
  source: JobSource,
  jobId: string,
  emit: (e: WatchEvent) => void,
): Promise<FineTuneJobDetail> {
  let lastSeq = 0;
  let lastQueue = "";
  let lastProgress = "";
  let last: FineTuneJobDetail | undefined;
  for await (const job of source(jobId)) {
    last = job;
    for (const t of job.transitions) {
      if (t.seq <= lastSeq) continue;
      lastSeq = t.seq;
      emit({ type: "transition", seq: t.seq, from: t.from, to: t.to, reason: t.reason, at: t.at });
    }
    const queue = queueText(job);
    if (queue && queue !== lastQueue)
      emit({ type: "queue", position: job.queue_position, eta_seconds: job.eta_seconds });
    lastQueue = queue;
    const p = progressOf(job);
    const line = p ? progressLine(p) : "";
    if (p && line !== lastProgress) emit({ type: "progress", ...p });
    lastProgress = line;
  }
  if (!last) throw new Error(`no news of job ${jobId}`);
  return last;
}

/** A line for people for each event. */
export function eventLine(e: WatchEvent): string {
  if (e.type === "transition") return transitionLine(e);
  if (e.type === "queue")
    return `${fmtTime(new Date().toISOString())}  queued at #${e.position}${e.eta_seconds === null ? "" : `, starts in ~${fmtDuration(e.eta_seconds * 1000)}`}`;
  return progressLine(e);
}
