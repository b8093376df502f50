import {
  SERVICE_METRICS_WINDOWS,
  type ServiceMetrics,
  type ServiceMetricsPoint,
  type ServiceMetricsQuery,
} from "@infera/contracts";
import { and, eq, gte, inArray, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";
import { authorizeService } from "../service-access.js";
import { addHistogram, histogramQuantile } from "./histogram-quantile.js";
import type { CumulativeHistogram } from "./parse-replica-metrics.js";

type MinuteRow = typeof tables.serviceMetricMinutes.$inferSelect;

interface Bucket {
  rows: MinuteRow[];
}

const ms = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 100_000) / 100);
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One bucket of one revision: counters added up, latency histograms merged before their percentiles are taken. */
function toPoint(time: Date, bucketSeconds: number, rows: MinuteRow[]): ServiceMetricsPoint {
  let requests = 0;
  let errors = 0;
  let promptTokens = 0;
  let generatedTokens = 0;
  let coldStarts = 0;
  let coldStartSeconds = 0;
  let duration: CumulativeHistogram | null = null;
  let ttft: CumulativeHistogram | null = null;
  let tpot: CumulativeHistogram | null = null;
  // Per replica: CPU over wall time of the bucket, and the gauges of its last row.
  const replicas = new Map<string, { cpu: number; wall: number; last: MinuteRow }>();
  for (const r of rows) {
    requests += r.requests;
    errors += r.errors;
    promptTokens += r.promptTokens;
    generatedTokens += r.generatedTokens;
    coldStarts += r.coldStarts;
    coldStartSeconds += r.coldStartSeconds;
    duration = addHistogram(duration, r.histograms.duration);
    ttft = addHistogram(ttft, r.histograms.ttft);
    tpot = addHistogram(tpot, r.histograms.tpot);
    const acc = replicas.get(r.replicaId) ?? { cpu: 0, wall: 0, last: r };
    acc.cpu += r.cpuSeconds;
    acc.wall += r.wallSeconds;
    if (r.minute >= acc.last.minute) acc.last = r;
    replicas.set(r.replicaId, acc);
  }
  const each = [...replicas.values()];
  const timed = each.filter((x) => x.wall > 0);
  const gpuMemory = each.filter((x) => x.last.gpuMemoryBytes !== null);
  const gpuUtil = each.filter((x) => x.last.gpuUtilization !== null);
  const q = (p: number, h: CumulativeHistogram | null) => (h ? ms(histogramQuantile(p, h)) : null);
  return {
    time: time.toISOString(),
    requests,
    qps: round(requests / bucketSeconds),
    errors,
    success_rate: requests > 0 ? round((requests - errors) / requests, 4) : null,
    latency_p50_ms: q(0.5, duration),
    latency_p95_ms: q(0.95, duration),
    latency_p99_ms: q(0.99, duration),
    ttft_p50_ms: q(0.5, ttft),
    ttft_p95_ms: q(0.95, ttft),
    tpot_p50_ms: q(0.5, tpot),
    tpot_p95_ms: q(0.95, tpot),
    prompt_tokens_per_second: round(promptTokens / bucketSeconds),
    generated_tokens_per_second: round(generatedTokens / bucketSeconds),
    in_flight: each.reduce((n, x) => n + x.last.inFlight, 0),
    cold_starts: coldStarts,
    cold_start_ms: coldStarts > 0 ? ms(coldStartSeconds / coldStarts) : null,
    cpu_percent: timed.length
      ? round(
          timed.reduce((n, x) => n + (x.cpu / x.wall) * 100, 0),
          1,
        )
      : null,
    memory_bytes: each.reduce((n, x) => n + x.last.memoryBytes, 0),
    gpu_memory_bytes: gpuMemory.length
      ? gpuMemory.reduce((n, x) => n + (x.last.gpuMemoryBytes ?? 0), 0)
      : null,
    gpu_utilization_percent: gpuUtil.length
      ? round(gpuUtil.reduce((n, x) => n + (x.last.gpuUtilization ?? 0), 0) / gpuUtil.length, 1)
      : null,
    replicas: each.length,
  };
}

/**
 * A service's serving metrics over a window, one series per revision (its replicas added up), in
 * buckets sized to the window (1h → 1 min … 7d → 1 h). Revisions and the replica asked for must be
 * the service's own (another service's id, or another tenant's, is not_found).
 */
export async function getServiceMetrics({
  ctx,
  serviceId,
  query,
}: {
  ctx: ServiceContext;
  serviceId: string;
  query: Pick<ServiceMetricsQuery, "window" | "revision" | "replica">;
}): Promise<ServiceMetrics> {
  const { service } = await authorizeService(ctx, "service.read", serviceId);
  const r = tables.serviceRevisions;
  const revisions = await ctx.db
    .select({ id: r.id, number: r.number })
    .from(r)
    .where(eq(r.serviceId, service.id));
  const numbers = new Map(revisions.map((x) => [x.id, x.number]));
  const wanted = query.revision
    ? [
        ...new Set(
          query.revision
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ]
    : null;
  for (const id of wanted ?? []) if (!numbers.has(id)) throw notFound("service revision");
  if (query.replica) {
    const p = tables.serviceReplicas;
    const [replica] = await ctx.db
      .select({ id: p.id })
      .from(p)
      .where(and(eq(p.id, query.replica), eq(p.serviceId, service.id)));
    if (!replica) throw notFound("service replica");
  }

  const { seconds, bucketSeconds } = SERVICE_METRICS_WINDOWS[query.window];
  const bucketMs = bucketSeconds * 1000;
  const to = ctx.now();
  const from = new Date(Math.floor((to.getTime() - seconds * 1000) / bucketMs) * bucketMs + bucketMs);
  const m = tables.serviceMetricMinutes;
  const rows = await ctx.db
    .select()
    .from(m)
    .where(
      and(
        eq(m.serviceId, service.id),
        gte(m.minute, from),
        wanted ? inArray(m.revisionId, wanted) : undefined,
        query.replica ? eq(m.replicaId, query.replica) : undefined,
      ),
    )
    .orderBy(m.minute);

  const byRevision = new Map<string, Map<number, Bucket>>();
  for (const row of rows) {
    const start = Math.floor(row.minute.getTime() / bucketMs) * bucketMs;
    const buckets = byRevision.get(row.revisionId) ?? new Map<number, Bucket>();
    const bucket = buckets.get(start) ?? { rows: [] };
    bucket.rows.push(row);
    buckets.set(start, bucket);
    byRevision.set(row.revisionId, buckets);
  }
  const series = [...byRevision]
    .map(([revisionId, buckets]) => ({
      revision_id: revisionId,
      revision_number: numbers.get(revisionId) ?? 0,
      points: [...buckets]
        .sort(([a], [b]) => a - b)
        .map(([start, b]) => toPoint(new Date(start), bucketSeconds, b.rows)),
    }))
    .sort((a, b) => b.revision_number - a.revision_number);
  return {
    window: query.window,
    bucket_seconds: bucketSeconds,
    from: from.toISOString(),
    to: to.toISOString(),
    series,
  };
}
