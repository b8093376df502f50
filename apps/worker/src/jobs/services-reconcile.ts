import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  beginServiceReplica,
  endServiceReplica,
  type Logger,
  markReplicaReady,
  moveRevisionForReplicas,
  noteRevisionWait,
  type ProcessServingRuntime,
  planReplicaPass,
  type ReplicaExecutor,
  type ReplicaRow,
  type ReplicaTarget,
  recordReplicaProcess,
  type ScheduleSpec,
  type ServiceContext,
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
  /** This worker's node: every replica of this pass runs here. */
  node: { id: string };
  /** Replicas this node runs at most; 0 turns the manager off (revisions stay pending). */
  maxReplicas: number;
  stopGraceMs: number;
  /** How long one pass waits for a starting replica's /health; a later pass goes on waiting. */
  healthWaitMs: number;
  /** Restarts of a crashed replica before its revision fails with the runtime's error. */
  maxRestarts: number;
  /** CPU threads of a replica whose revision does not say. */
  defaultThreads: number;
}

interface Live {
  row: ReplicaRow;
  tracked: TrackedReplica;
}

/**
 * `services.reconcile`: one pass of the replica manager on this node (decision 0024). It compares
 * the replicas the database wants (a revision of an active service with traffic wants its min
 * replicas, at least one; anything else none) with the processes recorded on disk, and:
 * kills recorded processes no live row owns (orphans of a crash); adopts live processes of rows that
 * should run (a server restarted after kill -9 keeps its replicas); restarts a crashed replica
 * (counted) and fails its revision with the runtime's last words after `maxRestarts`; starts the
 * missing replicas (pending → downloading → starting); stops the extra ones (SIGTERM, SIGKILL after
 * the grace); and waits a while for starting replicas' /health (→ ready). Passes of one process run
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
  const live = new Map<string, Live[]>();
  const crashed = new Map<string, { row: ReplicaRow; error: string }[]>();
  for (const row of rows) {
    const t = tracked.get(row.id);
    const target = byRevision.get(row.revisionId);
    if (row.state === "stopping") {
      await stopReplica(ctx, o, row.id);
      continue;
    }
    if (!t?.alive) {
      const error = t ? await lastLogLine(t.logFile) : "the replica's process is gone (no record on disk)";
      if (t) await o.replicas.forget(row.id);
      if (!target?.desired) await endServiceReplica({ ctx, replicaId: row.id, state: "stopped", error });
      else crashed.set(row.revisionId, [...(crashed.get(row.revisionId) ?? []), { row, error }]);
      continue;
    }
    // An adopted ready replica must still answer on its port; one that does not is replaced.
    if (row.state === "ready" && row.port && !(await replicaHealthy(row.port))) {
      await o.replicas.stop(row.id, o.stopGraceMs);
      crashed.set(row.revisionId, [
        ...(crashed.get(row.revisionId) ?? []),
        { row, error: "the replica stopped answering its health check" },
      ]);
      continue;
    }
    if (adopting) log.info({ replica: row.id, pid: t.pid, state: row.state }, "replica adopted");
    live.set(row.revisionId, [...(live.get(row.revisionId) ?? []), { row, tracked: t }]);
  }

  let running = [...live.values()].reduce((n, l) => n + l.length, 0);
  for (const target of targets) {
    const mine = live.get(target.revisionId) ?? [];
    // Extra replicas go, newest first.
    while (mine.length > target.desired) {
      const extra = mine.pop()!;
      await stopReplica(ctx, o, extra.row.id);
      running--;
    }
    if (target.desired === 0 && !mine.length && ["downloading", "starting", "ready"].includes(target.state))
      await moveRevisionForReplicas({
        ctx,
        revisionId: target.revisionId,
        to: "inactive",
        reason: "no replica wanted (service stopped or no traffic)",
      });
    for (const { row, error } of crashed.get(target.revisionId) ?? []) {
      if (row.restartCount >= o.maxRestarts) {
        await endServiceReplica({ ctx, replicaId: row.id, state: "failed", error });
        await moveRevisionForReplicas({
          ctx,
          revisionId: target.revisionId,
          to: "failed",
          reason: `its replica crashed ${row.restartCount + 1} times`,
          failureReason: error,
        });
        continue;
      }
      log.warn({ replica: row.id, error }, "replica crashed: restarting");
      const started = await launch(ctx, o, target, { restartOf: row.id, lastError: error });
      if (started) mine.push(started);
    }
    while (mine.length < target.desired && running < o.maxReplicas && !signal.aborted) {
      const started = await launch(ctx, o, target, {});
      if (!started) break;
      mine.push(started);
      running++;
    }
    if (mine.length < target.desired && running >= o.maxReplicas) {
      log.warn({ revision: target.revisionId, maxReplicas: o.maxReplicas }, "node is full: replicas wait");
      await noteRevisionWait({
        ctx,
        revisionId: target.revisionId,
        waitReason: `the node runs its most replicas (${o.maxReplicas}, INFERA_MAX_REPLICAS); it starts when one stops`,
      });
    }
    if (target.desired === 0 && target.state === "pending" && target.serviceActive)
      await noteRevisionWait({
        ctx,
        revisionId: target.revisionId,
        waitReason: "no traffic: it starts when the traffic split gives it a share",
      });
  }

  await waitForHealth(ctx, o, signal, log, asked);
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

/** The process of a new (or restarted) replica, its files first; null when its revision failed instead. */
async function launch(
  ctx: ServiceContext,
  o: ReplicaManagerOptions,
  target: ReplicaTarget,
  restart: { restartOf?: string; lastError?: string },
): Promise<Live | null> {
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
  const row = await beginServiceReplica({
    ctx,
    revisionId: target.revisionId,
    nodeId: o.node.id,
    restartOf: restart.restartOf,
    lastError: restart.lastError,
  });
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
      contextSize: target.runtime.contextSize,
      threads: target.runtime.threads ?? o.defaultThreads,
      parallel: target.runtime.parallel,
      readyFile,
    }),
    readyFile,
    logFile: join(o.runDir, `${row.id}.log`),
  });
  await recordReplicaProcess({ ctx, replicaId: row.id, pid: tracked.pid });
  return { row, tracked };
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
      if (port && (await replicaHealthy(port))) {
        await markReplicaReady({ ctx, replicaId: row.id, port });
        log.info({ replica: row.id, port, pid: t.pid }, "replica ready");
      } else still.push(row);
    }
    waiting = still;
    if (waiting.length) await sleep(200, undefined, { signal }).catch(() => {});
  }
}

/**
 * Every 5 s: replicas that crashed are found and restarted, starting ones checked again; each change
 * that wants replicas (deploy, start, stop, traffic, rollback) asks for a pass itself.
 */
export const servicesReconcileEvery5s: ScheduleSpec = {
  name: "services.reconcile",
  kind: "services.reconcile",
  payload: {},
  intervalSeconds: 5,
  dueNow: true,
};
