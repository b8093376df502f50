import {
  type LeasedJob,
  type Logger,
  parseJobPayload,
  type ScheduleSpec,
  type ServiceContext,
  touchNode,
  WORK_ITEMS_CHANNEL,
} from "@infera/core";
import type { JobHandlers } from "./job-handler.js";
import { reclaimDeadLeases } from "./reclaim-dead-leases.js";

export interface WorkerOptions {
  /** The system context: its `queue` is leased from, and handlers get it (with their job's request id). */
  ctx: ServiceContext;
  /** The lease owner name, stable for this process's life (newWorkerId()). */
  workerId: string;
  /** The kinds this worker runs: it leases only these, and ticks only their schedules. */
  handlers: JobHandlers;
  /** Attempts running at once (default 4). */
  concurrency?: number;
  /** How long to wait between polls when there was nothing to do (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long stop() lets running attempts finish before it aborts them (default 10 s). */
  graceMs?: number;
  /**
   * Recurring jobs to create or update at start (intervalSeconds 0 removes the schedule). Every
   * worker may tick schedules; each slot still enqueues once. A `perNode` one is this node's own
   * (`nodeSchedule`): only this worker ticks it and only this worker runs its items.
   */
  schedules?: readonly ScheduleSpec[];
  /**
   * The node this worker runs on (registered with registerNode before the handlers are built): it
   * also takes the items targeted at this node, and its loop refreshes the node's `last_seen_at`
   * every `nodeHeartbeatMs` (default 5 s), which is how the scheduler knows the node is online.
   * Without one, it takes untargeted items only.
   */
  node?: { id: string; name: string };
  nodeHeartbeatMs?: number;
  log?: Logger;
}

export interface RunningWorker {
  workerId: string;
  /**
   * Stops leasing, lets running attempts finish for up to the grace period, then aborts them: an
   * attempt that stops within a few seconds more is given back to the queue (it runs again at once,
   * not counted); one that does not is left leased, to be taken over when its lease expires.
   */
  stop(): Promise<void>;
}

interface Running {
  lease: LeasedJob;
  controller: AbortController;
  /** Set once the worker is stopping: the handler's end is a release, not a failure. */
  stopping: boolean;
  /** The lease was lost: nothing more may be written for this attempt. */
  lost: boolean;
  /** stop() returned without it: late endings touch nothing (the database may be closed). */
  abandoned: boolean;
  heartbeat?: NodeJS.Timeout;
  done: Promise<void>;
}

/** After the grace period and the abort, how long a handler gets to notice it and return (at most the grace period). */
const ABORT_GRACE_MS = 3000;

/**
 * Runs the handlers' kinds from the queue: leases up to the free capacity, runs each attempt with an
 * AbortSignal, renews its lease every third of the lease time while it runs (a renewal that finds the
 * lease lost aborts the handler), then completes or fails it. Each poll also ticks the schedules.
 */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const { ctx, workerId, handlers } = opts;
  const queue = ctx.queue;
  const log = opts.log ?? ctx.log;
  const concurrency = opts.concurrency ?? 4;
  const pollIntervalMs = opts.pollIntervalMs ?? 1000;
  const graceMs = opts.graceMs ?? 10_000;
  const kinds = Object.keys(handlers).filter((k) => handlers[k]);
  for (const k of kinds)
    if (!queue.kinds.has(k)) throw new Error(`worker: no job kind ${k} in the queue's catalog`);

  for (const spec of opts.schedules ?? []) {
    const s = spec.perNode ? nodeSchedule(spec, opts.node) : spec;
    if (!s) {
      log.warn({ schedule: spec.name }, "a schedule of every node, on a worker without a node: not run here");
      continue;
    }
    // A schedule that became per node leaves no global row behind (an earlier version's), which
    // would still enqueue untargeted items for any worker.
    if (spec.perNode) await queue.removeSchedule(spec.name);
    if (s.intervalSeconds > 0) await queue.ensureSchedule(s);
    else await queue.removeSchedule(s.name);
  }

  await reclaimDeadLeases(queue, workerId, log);
  // An item enqueued for one of our kinds wakes the loop now rather than at its next poll.
  const wanted = new Set(kinds);
  const stopListening = await ctx.changes.listen(WORK_ITEMS_CHANNEL, (kind) => {
    if (wanted.has(kind)) wake?.();
  });

  const running = new Map<string, Running>();
  let stopping = false;
  let wake: (() => void) | undefined;
  /** Waits `ms`, or less when a job ends or stop() is called. Its timer holds the process open. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });

  const run = (lease: LeasedJob) => {
    const controller = new AbortController();
    const jobLog = {
      info: (o: object, m?: string) =>
        log.info({ ...o, jobId: lease.id, kind: lease.kind, attempt: lease.attempt }, m),
      warn: (o: object, m?: string) =>
        log.warn({ ...o, jobId: lease.id, kind: lease.kind, attempt: lease.attempt }, m),
      error: (o: object, m?: string) =>
        log.error({ ...o, jobId: lease.id, kind: lease.kind, attempt: lease.attempt }, m),
    };
    const entry: Running = {
      lease,
      controller,
      stopping: false,
      lost: false,
      abandoned: false,
      done: Promise.resolve(),
    };
    entry.heartbeat = keepLeased(lease, entry);
    running.set(lease.id, entry);
    entry.done = (async () => {
      let payload: unknown;
      try {
        payload = parseJobPayload(queue.kinds, lease.kind, lease.payload);
      } catch (err) {
        // A payload the catalog refuses (written by another version) never gets better by retrying.
        clearInterval(entry.heartbeat);
        await queue.fail(lease, (err as Error).message, { final: true });
        jobLog.error({ err }, "job payload not valid: dead letter");
        return;
      }
      try {
        jobLog.info({}, "job started");
        await handlers[lease.kind]!({
          job: {
            id: lease.id,
            kind: lease.kind,
            attempt: lease.attempt,
            maxAttempts: lease.maxAttempts,
            payload,
            lastError: lease.lastError,
          },
          ctx: { ...ctx, requestId: lease.id, log: jobLog },
          signal: controller.signal,
          log: jobLog,
        });
        if (entry.abandoned || entry.lost) return;
        clearInterval(entry.heartbeat);
        if (await queue.complete(lease)) jobLog.info({}, "job succeeded");
        else jobLog.warn({}, "job finished after its lease was lost: another attempt owns it");
      } catch (err) {
        clearInterval(entry.heartbeat);
        if (entry.abandoned || entry.lost) {
          if (entry.lost) jobLog.warn({ err }, "job stopped: lease lost");
          return;
        }
        if (entry.stopping) {
          const released = await queue.release(lease);
          jobLog.info({ released }, "job interrupted by the worker stopping: given back to the queue");
          return;
        }
        const message = err instanceof Error ? err.message : String(err);
        const outcome = await queue.fail(lease, message || "failed without a message");
        if (outcome.status === "dead") jobLog.error({ err }, "job failed: no attempts left, dead letter");
        else if (outcome.status === "retry")
          jobLog.warn({ err, retryInSeconds: outcome.delaySeconds }, "job failed: will retry");
        else jobLog.warn({ err }, "job failed after its lease was lost");
      }
    })()
      .catch((err) => {
        // The queue itself failed (database unreachable): the lease expires and the item runs again.
        if (!entry.abandoned) jobLog.error({ err }, "could not record the end of a job");
      })
      .finally(() => {
        clearInterval(entry.heartbeat);
        running.delete(lease.id);
        wake?.();
      });
  };

  /**
   * Renews the lease every third of its time. false means another attempt took the item over; no
   * renewal for a whole lease time (the database unreachable) means someone may have: either way the
   * handler is aborted so that two attempts never run on past a lease.
   */
  function keepLeased(lease: LeasedJob, entry: Running): NodeJS.Timeout {
    const leaseMs = lease.leaseSeconds * 1000;
    let renewedAt = performance.now();
    let inFlight = false;
    return setInterval(
      async () => {
        if (inFlight || entry.lost || entry.abandoned) return;
        inFlight = true;
        try {
          const owned = await queue.heartbeat(lease);
          if (owned) renewedAt = performance.now();
          else loseLease(entry, "lease lost: another worker took the item over");
        } catch (err) {
          log.warn({ err, jobId: lease.id }, "heartbeat failed");
          if (performance.now() - renewedAt >= leaseMs)
            loseLease(entry, "lease expired: heartbeats failed for a whole lease time");
        } finally {
          inFlight = false;
        }
      },
      Math.max(50, leaseMs / 3),
    );
  }

  function loseLease(entry: Running, reason: string) {
    entry.lost = true;
    clearInterval(entry.heartbeat);
    entry.controller.abort(new Error(reason));
  }

  const node = opts.node;
  const nodeHeartbeatMs = opts.nodeHeartbeatMs ?? 5000;
  let nodeSeenAt = performance.now();
  const loop = (async () => {
    while (!stopping) {
      let busy = false;
      try {
        if (node && performance.now() - nodeSeenAt >= nodeHeartbeatMs) {
          // Liveness, not work: a node not seen for the offline grace loses its jobs to other nodes.
          nodeSeenAt = performance.now();
          if (!(await touchNode({ ctx, nodeId: node.id })))
            log.warn({ node: node.name }, "this worker's node is no longer registered");
        }
        if (kinds.length) await queue.enqueueDueSchedules(kinds, { node: node?.id });
        const free = concurrency - running.size;
        if (free > 0 && !stopping) {
          const leased = await queue.lease(workerId, kinds, free, node ? { node: node.id } : undefined);
          for (const l of leased) run(l);
          // A full batch may mean more are waiting: ask again as soon as a slot frees up.
          busy = leased.length === free;
        }
      } catch (err) {
        if (!stopping) log.warn({ err }, "worker poll failed");
      }
      if (stopping) break;
      if (busy && running.size < concurrency) continue;
      await pause(node ? Math.min(pollIntervalMs, nodeHeartbeatMs) : pollIntervalMs);
    }
  })();

  log.info({ workerId, kinds, concurrency, node: node?.name }, "worker started");
  let stopped: Promise<void> | undefined;
  return {
    workerId,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        wake?.();
        await loop;
        await stopListening();
        const settled = (ms: number) =>
          within(Promise.allSettled([...running.values()].map((r) => r.done)), ms);
        if (running.size) await settled(graceMs);
        if (running.size) {
          log.warn({ running: running.size }, "worker stopping: aborting running jobs");
          for (const r of running.values()) {
            r.stopping = true;
            r.controller.abort(new Error("the worker is stopping"));
          }
          await settled(Math.min(ABORT_GRACE_MS, graceMs));
        }
        for (const r of running.values()) {
          // Still running: its lease runs out without heartbeats and another worker takes it over.
          r.abandoned = true;
          clearInterval(r.heartbeat);
          log.warn({ jobId: r.lease.id, kind: r.lease.kind }, "job did not stop: left to be taken over");
        }
        log.info({ workerId }, "worker stopped");
      })();
      return stopped;
    },
  };
}

/** Waits for `p`, or `ms` at most. */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * This node's copy of a schedule every node runs (decision 0033): its own name and row, ticked by
 * this worker only, its items targeted here. Null without a node.
 */
function nodeSchedule(spec: ScheduleSpec, node: { id: string } | undefined): ScheduleSpec | null {
  if (!node) return null;
  return { ...spec, name: `${spec.name}:${node.id}`, targetNode: node.id };
}
