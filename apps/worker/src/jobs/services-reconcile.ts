import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  autoscaleRevisions,
  beginServiceReplica,
  closeColdStarts,
  endServiceReplica,
  type Logger,
  markReplicaReady,
  moveRevisionForReplicas,
  type ProcessServingRuntime,
  placeServiceReplicas,
  planReplicaPass,
  type ReplicaExecutor,
  type ReplicaRow,
  type ReplicaTarget,
  type RestartBackoff,
  recordReplicaProcess,
  type ScheduleSpec,
  type ServiceContext,
  scheduleReplicaRestart,
  type TrackedReplica,
} from "@infera/core";
import type { JobHandler } from "../job-handler.js";
import { materializeModelFile } from "../serving/materialize-model-file.js";
import { lastLogLine, readyPort, replicaHealthy } from "../serving/replica-health.js";
import { shipReplicaLog } from "../serving/ship-replica-log.js";

export interface ReplicaManagerOptions {
  replicas: ReplicaExecutor;
  /** The process runtime replicas run (llama.cpp's `infera-serve`). */
  runtime: ProcessServingRuntime;
  /** Model files by digest. */
  cacheDir: string;
  /** Each replica's ready file and log. */
  runDir: string;
  /** This worker's node: the pass starts and stops the replicas placed on it. */
  node: { id: string };
  /**
   * Replicas this node runs at most (registered on its node row, where the placement pass reads
   * it); 0 turns the manager off on this node.
   */
  maxReplicas: number;
  stopGraceMs: number;
  /** How long one pass waits for a starting replica's /health; a later pass goes on waiting. */
  healthWaitMs: number;
  /** Restarts of a crashed replica before its revision fails with the runtime's error. */
  maxRestarts: number;
  /** How long a crashed replica waits before each restart: base·2^restarts, capped (decision 0028). */
  restartBackoff: RestartBackoff;
  /** CPU threads of a replica whose revision does not say. */
  defaultThreads: number;
  /** The node's address (INFERA_NODE_ADDRESS): replicas listen there; default 127.0.0.1. */
  address?: string;
}

/**
 * `services.reconcile`: one pass of the replica manager on this node (decisions 0024, 0025). First
 * the cluster-wide placement pass (placeServiceReplicas, one at a time across workers) decides
 * which replica runs on which node: a revision of an active service with traffic wants its desired
 * count (`desiredReplicas`), spread over alive, non-draining nodes with room. Then this node
 * compares the replicas placed on it with the processes recorded on disk, and: kills recorded
 * processes no live row owns (orphans of a crash); adopts live processes of rows that should run (a
 * server restarted after kill -9 keeps its replicas); restarts a crashed replica (counted) and fails
 * its revision with the runtime's last words after `maxRestarts`; starts the replicas placed here
 * (pending → downloading → starting); stops the ones the placement pass marked `stopping` (SIGTERM,
 * SIGKILL after the grace); and waits a while for starting replicas' /health (→ ready). Passes of one process run
 * one at a time (two would start the same replica twice); one asked for meanwhile folds into it.
 */
export function servicesReconcile(opts: ReplicaManagerOptions): JobHandler {
  // The first pass of this process finds what an earlier one left running: it says what it adopted.
  const firstPass = { value: true };
  // One pass at a time per process. An item that arrives during a pass does not wait for it (it
  // would hold a worker slot, and the periodic schedule adds one every 5 s): it asks the running
  // pass to go round once more, which then sees its change, and ends at once.
  let running = false;
  let again = false;
  return async ({ ctx, log, signal }) => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await reconcile(ctx, log, signal, opts, firstPass, () => again);
      } while (again && !signal.aborted);
    } finally {
      running = false;
    }
  };
}

async function reconcile(
  ctx: ServiceContext,
  log: Logger,
  signal: AbortSignal,
  o: ReplicaManagerOptions,
  firstPass: { value: boolean },
  asked: () => boolean,
) {
  if (o.maxReplicas <= 0) return;
  const adopting = firstPass.value;
  firstPass.value = false;
  // Passes of this process are chained, so no spawn of ours is under way: a marked process without
  // a record was spawned by a worker that died before recording it.
  if (adopting)
    for (const pid of await o.replicas.sweepStrays())
      log.warn({ pid }, "replica process without a record (its worker died while starting it): killed");
  // The autoscaler decides each revision's replica count first (decision 0028); placement reads it.
  await autoscaleRevisions({ ctx });
  // The cluster-wide step first (one at a time across workers): which replica runs on which node.
  const placed = await placeServiceReplicas({ ctx });
  if (placed.created || placed.stopped || placed.lost || placed.waiting)
    log.info(placed, "replica placement pass");
  const { targets, replicas: rows } = await planReplicaPass({ ctx, nodeId: o.node.id });
  const tracked = new Map((await o.replicas.list()).map((t) => [t.replicaId, t]));
  const rowIds = new Set(rows.map((r) => r.id));
  for (const t of tracked.values())
    if (!rowIds.has(t.replicaId)) {
      log.warn({ replica: t.replicaId, pid: t.pid }, "replica process no record owns: stopped");
      await o.replicas.stop(t.replicaId, o.stopGraceMs);
    }

  // The replicas' new output goes to the database first (the server reads logs from there); a
  // dead one's last words too, before its record is forgotten below.
  for (const t of tracked.values())
    if (rowIds.has(t.replicaId)) await shipLog(ctx, log, t.replicaId, t.logFile, !t.alive);

  const byRevision = new Map(targets.map((t) => [t.revisionId, t]));
  const placedHere: ReplicaRow[] = [];
  let stopped = 0;
  for (const row of rows) {
    if (signal.aborted) return;
    const target = byRevision.get(row.revisionId);
    if (row.state === "stopping") {
      await stopReplica(ctx, o, row.id);
      stopped++;
      continue;
    }
    if (row.state === "pending") {
      placedHere.push(row);
      continue;
    }
    const t = tracked.get(row.id);
    if (!t?.alive) {
      // A replica waiting out its restart backoff has no process: its error was kept when it crashed.
      const error = row.restartAt
        ? (row.lastError ?? "crashed")
        : t
          ? await lastLogLine(t.logFile)
          : "the replica's process is gone (no record on disk)";
      if (t) await o.replicas.forget(row.id);
      await crashed(ctx, o, log, target, row, error);
      continue;
    }
    // An adopted ready replica must still answer on its port; one that does not is replaced.
    if (row.state === "ready" && row.port && !(await replicaHealthy(row.port, o.address))) {
      await o.replicas.stop(row.id, o.stopGraceMs);
      await crashed(ctx, o, log, target, row, "the replica stopped answering its health check");
      continue;
    }
    if (adopting) log.info({ replica: row.id, pid: t.pid, state: row.state }, "replica adopted");
  }
  // The replicas the placement pass put on this node start here.
  for (const row of placedHere) {
    if (signal.aborted) return;
    const target = byRevision.get(row.revisionId);
    if (!target) await endServiceReplica({ ctx, replicaId: row.id, state: "stopped" });
    else await launch(ctx, o, target, row.id);
  }
  // What the stops free (a revision nothing wants goes inactive, a draining node's slots) is seen now.
  if (stopped) await placeServiceReplicas({ ctx });

  await waitForHealth(ctx, o, signal, log, asked);
  // A cold start served in this pass is closed now, not a pass later.
  await closeColdStarts({ ctx });
  // What the starting replicas wrote meanwhile ("ready", or why not) shows without waiting a pass.
  for (const t of await o.replicas.list()) await shipLog(ctx, log, t.replicaId, t.logFile, !t.alive);
}

/** Ships a replica's new log lines; a failure is logged and retried by the next pass (the offset is stored). */
async function shipLog(ctx: ServiceContext, log: Logger, replicaId: string, logFile: string, final: boolean) {
  try {
    await shipReplicaLog(ctx, replicaId, logFile, { final });
  } catch (err) {
    log.warn(
      { replica: replicaId, err: (err as Error).message },
      "replica log not shipped: the next pass retries",
    );
  }
}

/**
 * A replica's process is gone: restarted on its row (counted) while its revision still wants
 * replicas, its revision failed with the runtime's last words after `maxRestarts`; stopped when
 * nothing wants it any more (a held replica of an old revision, a failed revision).
 */
async function crashed(
  ctx: ServiceContext,
  o: ReplicaManagerOptions,
  log: Logger,
  target: ReplicaTarget | undefined,
  row: ReplicaRow,
  error: string,
) {
  if (!target?.desired) {
    await endServiceReplica({ ctx, replicaId: row.id, state: "stopped", error });
    return;
  }
  if (row.restartCount >= o.maxRestarts) {
    await endServiceReplica({ ctx, replicaId: row.id, state: "failed", error });
    await moveRevisionForReplicas({
      ctx,
      revisionId: target.revisionId,
      to: "failed",
      reason: `its replica crashed ${row.restartCount + 1} times`,
      failureReason: error,
    });
    return;
  }
  // Not at once: after a backoff kept in the row, so a replica that crashes on start does not spin.
  const restart = await scheduleReplicaRestart({ ctx, replica: row, error, backoff: o.restartBackoff });
  if (restart.restart === "wait") return;
  log.warn({ replica: row.id, error }, "replica crashed: restarting");
  await launch(ctx, o, target, row.id, { lastError: error });
}

/**
 * The process of a placed (or restarted) replica, its files first; null when its revision failed
 * instead, or the row is no longer to start (the placement pass stopped it meanwhile).
 */
async function launch(
  ctx: ServiceContext,
  o: ReplicaManagerOptions,
  target: ReplicaTarget,
  replicaId: string,
  restart?: { lastError: string },
): Promise<TrackedReplica | null> {
  if (!target.model) {
    await moveRevisionForReplicas({
      ctx,
      revisionId: target.revisionId,
      to: "failed",
      reason: "no GGUF file to load",
      failureReason: "the model version has no GGUF file",
    });
    return null;
  }
  if (["pending", "inactive"].includes(target.state)) {
    await moveRevisionForReplicas({
      ctx,
      revisionId: target.revisionId,
      to: "downloading",
      reason: "copying the model files to the node",
    });
    target.state = "downloading";
  }
  let modelPath: string;
  let adapterPath: string | null = null;
  try {
    modelPath = await materializeModelFile(ctx, o.cacheDir, target.model);
    if (target.adapter) adapterPath = await materializeModelFile(ctx, o.cacheDir, target.adapter);
  } catch (err) {
    await moveRevisionForReplicas({
      ctx,
      revisionId: target.revisionId,
      to: "failed",
      reason: "the model files could not be copied to the node",
      failureReason: (err as Error).message,
    });
    return null;
  }
  const row = await beginServiceReplica({ ctx, replicaId, restart });
  if (!row) return null;
  target.state = "starting";
  const readyFile = join(o.runDir, `${row.id}.ready.json`);
  const tracked = await o.replicas.start({
    replicaId: row.id,
    revisionId: target.revisionId,
    command: o.runtime.command,
    args: o.runtime.args({
      modelPath,
      loras: adapterPath ? [{ path: adapterPath }] : [],
      modelId: target.serviceName,
      port: 0,
      host: o.address,
      contextSize: target.runtime.contextSize,
      threads: target.runtime.threads ?? o.defaultThreads,
      parallel: target.runtime.parallel,
      readyFile,
    }),
    readyFile,
    logFile: join(o.runDir, `${row.id}.log`),
    // The GPUs placement gave this replica (CUDA_VISIBLE_DEVICES; empty for a CPU class).
    gpuIndices: row.gpuIndices,
  });
  await recordReplicaProcess({ ctx, replicaId: row.id, pid: tracked.pid });
  return tracked;
}

async function stopReplica(ctx: ServiceContext, o: ReplicaManagerOptions, replicaId: string) {
  await endServiceReplica({ ctx, replicaId, state: "stopping" });
  await o.replicas.stop(replicaId, o.stopGraceMs);
  // Its last lines ("stopping", "stopped"): its record is gone now, its file is not.
  await shipReplicaLog(ctx, replicaId, join(o.runDir, `${replicaId}.log`), { final: true }).catch(() => 0);
  await endServiceReplica({ ctx, replicaId, state: "stopped" });
}

/**
 * Waits (up to `healthWaitMs`, or until another pass is asked for) for starting replicas to answer /health, marking each ready. One
 * still loading when the time is up stays starting: the next pass (every few seconds) goes on.
 */
async function waitForHealth(
  ctx: ServiceContext,
  o: ReplicaManagerOptions,
  signal: AbortSignal,
  log: Logger,
  asked: () => boolean,
) {
  const { replicas: rows } = await planReplicaPass({ ctx, nodeId: o.node.id });
  const tracked = new Map((await o.replicas.list()).map((t) => [t.replicaId, t]));
  let waiting = rows.filter((r) => r.state === "starting" && tracked.get(r.id)?.alive);
  const deadline = Date.now() + o.healthWaitMs;
  // A change asked for meanwhile (a stop, a traffic edit) is served first; the wait goes on after it.
  while (waiting.length && Date.now() < deadline && !signal.aborted && !asked()) {
    const still: ReplicaRow[] = [];
    for (const row of waiting) {
      const t = tracked.get(row.id)!;
      const port = await readyPort(t.readyFile);
      if (port && (await replicaHealthy(port, o.address))) {
        await markReplicaReady({ ctx, replicaId: row.id, port });
        log.info({ replica: row.id, port, pid: t.pid }, "replica ready");
      } else still.push(row);
    }
    waiting = still;
    if (waiting.length) await sleep(200, undefined, { signal }).catch(() => {});
  }
}

/**
 * Every 5 s on every node (decision 0033): each node's own pass finds its crashed replicas and
 * restarts them, checks its starting ones and ships its logs. Each change that wants replicas
 * (deploy, start, stop, traffic, rollback) also asks for a pass itself (any one node's, which
 * places for all).
 */
export const servicesReconcileEvery5s: ScheduleSpec = {
  name: "services.reconcile",
  kind: "services.reconcile",
  payload: {},
  intervalSeconds: 5,
  dueNow: true,
  perNode: true,
};
