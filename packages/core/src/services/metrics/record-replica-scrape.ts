import { and, desc, eq, tables } from "@infera/db";
import type { ProcessUsage } from "../../ports/process-usage.js";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { addHistogram, subtractHistogram } from "./histogram-quantile.js";
import type { CumulativeHistogram, ReplicaSample } from "./parse-replica-metrics.js";

/** The cumulative figures of a replica's last scrape, kept on its newest minute row. */
interface Snapshot {
  pid: number;
  at: string;
  requests: number;
  errors: number;
  promptTokens: number;
  generatedTokens: number;
  duration: CumulativeHistogram;
  ttft: CumulativeHistogram;
  tpot: CumulativeHistogram;
  cpuSeconds: number | null;
  /** The replica's `ready_at` already counted as a cold start. */
  readyAt: string | null;
}

/** What one scrape added: fed to this process's Prometheus exposition once it is committed. */
export interface ScrapeDelta {
  requests: number;
  errors: number;
  promptTokens: number;
  generatedTokens: number;
  duration: CumulativeHistogram;
  ttft: CumulativeHistogram;
  tpot: CumulativeHistogram;
  coldStarts: number;
  inFlight: number;
}

const MINUTE_MS = 60_000;

/**
 * Files one scrape of a replica under the current minute: the counters' growth since the snapshot on
 * the replica's newest row (all of them for a new process: another pid, or a counter that went
 * back), a cold start when its `ready_at` is one not counted yet, and the gauges as read. One
 * transaction holding the replica's row: a scrape killed before its commit changes nothing, and two
 * scrapes of one replica never subtract from the same snapshot. Answers null when the replica's row
 * is gone or names another process.
 */
export async function recordReplicaScrape({
  ctx,
  replicaId,
  pid,
  sample,
  usage,
}: {
  ctx: ServiceContext;
  replicaId: string;
  pid: number;
  sample: ReplicaSample;
  usage: ProcessUsage | null;
}): Promise<ScrapeDelta | null> {
  return withTransaction(ctx, async (tx) => {
    const p = tables.serviceReplicas;
    const m = tables.serviceMetricMinutes;
    const [replica] = await tx.db.select().from(p).where(eq(p.id, replicaId)).for("update");
    if (!replica || replica.pid !== pid) return null;
    const [latest] = await tx.db
      .select()
      .from(m)
      .where(eq(m.replicaId, replicaId))
      .orderBy(desc(m.minute))
      .limit(1);
    const now = tx.now();
    const minute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
    const prior = latest?.snapshot as unknown as Snapshot | undefined;
    const same =
      prior !== undefined &&
      prior.pid === pid &&
      sample.requests >= prior.requests &&
      sample.promptTokens >= prior.promptTokens &&
      sample.generatedTokens >= prior.generatedTokens;
    const before = same ? prior : null;
    const readyAt = replica.readyAt?.toISOString() ?? null;
    const coldStart = readyAt !== null && readyAt !== prior?.readyAt;
    const delta: ScrapeDelta = {
      requests: sample.requests - (before?.requests ?? 0),
      errors: Math.max(0, sample.errors - (before?.errors ?? 0)),
      promptTokens: sample.promptTokens - (before?.promptTokens ?? 0),
      generatedTokens: sample.generatedTokens - (before?.generatedTokens ?? 0),
      duration: subtractHistogram(sample.duration, before?.duration ?? null),
      ttft: subtractHistogram(sample.ttft, before?.ttft ?? null),
      tpot: subtractHistogram(sample.tpot, before?.tpot ?? null),
      coldStarts: coldStart ? 1 : 0,
      inFlight: sample.inFlight,
    };
    const cpuSeconds =
      before && usage && before.cpuSeconds !== null ? Math.max(0, usage.cpuSeconds - before.cpuSeconds) : 0;
    const wallSeconds =
      before && usage && before.cpuSeconds !== null
        ? Math.max(0, (now.getTime() - Date.parse(before.at)) / 1000)
        : 0;
    const coldStartSeconds =
      coldStart && replica.startedAt && replica.readyAt
        ? Math.max(0, (replica.readyAt.getTime() - replica.startedAt.getTime()) / 1000)
        : 0;
    const snapshot: Snapshot = {
      pid,
      at: now.toISOString(),
      requests: sample.requests,
      errors: sample.errors,
      promptTokens: sample.promptTokens,
      generatedTokens: sample.generatedTokens,
      duration: sample.duration,
      ttft: sample.ttft,
      tpot: sample.tpot,
      cpuSeconds: usage?.cpuSeconds ?? null,
      readyAt: readyAt ?? prior?.readyAt ?? null,
    };
    const gauges = {
      inFlight: sample.inFlight,
      queueDepth: sample.queueDepth,
      memoryBytes: usage?.memoryBytes ?? 0,
      gpuMemoryBytes: usage?.gpuMemoryBytes ?? null,
      gpuUtilization: usage?.gpuUtilization ?? null,
      snapshot: snapshot as unknown as Record<string, unknown>,
      updatedAt: now,
    };
    if (latest && latest.minute.getTime() === minute.getTime()) {
      // A second scrape in the same minute adds to its row.
      const h = latest.histograms;
      await tx.db
        .update(m)
        .set({
          requests: latest.requests + delta.requests,
          errors: latest.errors + delta.errors,
          promptTokens: latest.promptTokens + delta.promptTokens,
          generatedTokens: latest.generatedTokens + delta.generatedTokens,
          histograms: {
            duration: addHistogram(h.duration, delta.duration),
            ttft: addHistogram(h.ttft, delta.ttft),
            tpot: addHistogram(h.tpot, delta.tpot),
          },
          coldStarts: latest.coldStarts + delta.coldStarts,
          coldStartSeconds: latest.coldStartSeconds + coldStartSeconds,
          cpuSeconds: latest.cpuSeconds + cpuSeconds,
          wallSeconds: latest.wallSeconds + wallSeconds,
          ...gauges,
        })
        .where(and(eq(m.replicaId, replicaId), eq(m.minute, minute)));
    } else {
      await tx.db.insert(m).values({
        replicaId,
        minute,
        tenantId: replica.tenantId,
        serviceId: replica.serviceId,
        revisionId: replica.revisionId,
        nodeId: replica.nodeId,
        requests: delta.requests,
        errors: delta.errors,
        promptTokens: delta.promptTokens,
        generatedTokens: delta.generatedTokens,
        histograms: { duration: delta.duration, ttft: delta.ttft, tpot: delta.tpot },
        coldStarts: delta.coldStarts,
        coldStartSeconds,
        cpuSeconds,
        wallSeconds,
        ...gauges,
      });
    }
    return delta;
  });
}
