import {
  SERVICE_METRICS_WINDOWS,
  type ServiceGatewayMetrics,
  type ServiceGatewayMetricsPoint,
  type ServiceGatewayMetricsQuery,
  USAGE_LATENCY_BUCKETS_MS,
  usageLatencyPercentile,
} from "@infera/contracts";
import { eq, type SQL, sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";
import { rawRows } from "../../shared/raw-rows.js";
import { authorizeService } from "../service-access.js";

const HISTOGRAM_SIZE = USAGE_LATENCY_BUCKETS_MS.length + 1;
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One bucket × revision × status code of `usage_minutes`, every sum as float8 (a number on both engines). */
interface Row {
  bucket: number;
  revision_id: string;
  status_code: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  latency_max: number;
  [histogram: `h${number}`]: number;
}

class Sums {
  requests = 0;
  errors4xx = 0;
  errors5xx = 0;
  promptTokens = 0;
  completionTokens = 0;
  latencyMax = 0;
  histogram = new Array<number>(HISTOGRAM_SIZE).fill(0);

  add(r: Row) {
    const n = Number(r.requests);
    const code = Number(r.status_code);
    this.requests += n;
    if (code >= 400 && code < 500) this.errors4xx += n;
    if (code >= 500) this.errors5xx += n;
    this.promptTokens += Number(r.prompt_tokens);
    this.completionTokens += Number(r.completion_tokens);
    this.latencyMax = Math.max(this.latencyMax, Number(r.latency_max));
    for (let i = 0; i < HISTOGRAM_SIZE; i++) this.histogram[i]! += Number(r[`h${i}`] ?? 0);
  }

  point(time: Date, bucketSeconds: number): ServiceGatewayMetricsPoint {
    const n = this.requests;
    const minutes = bucketSeconds / 60;
    const p = (q: number) => {
      const v = usageLatencyPercentile(this.histogram, q, this.latencyMax);
      return v === null ? null : round(v, 2);
    };
    return {
      time: time.toISOString(),
      requests: n,
      requests_per_minute: round(n / minutes),
      errors_4xx: this.errors4xx,
      errors_5xx: this.errors5xx,
      error_rate_4xx: n ? round(this.errors4xx / n, 4) : null,
      error_rate_5xx: n ? round(this.errors5xx / n, 4) : null,
      latency_p50_ms: p(0.5),
      latency_p95_ms: p(0.95),
      prompt_tokens: this.promptTokens,
      completion_tokens: this.completionTokens,
      tokens_per_minute: round((this.promptTokens + this.completionTokens) / minutes),
    };
  }
}

/**
 * What the gateway measured of a service over a window, one series per revision: calls, 4xx and
 * 5xx, latency p50/p95 and tokens, from the per-minute usage rollups (every `/v1` and playground
 * call, decision 0030), in the buckets of the replicas' metrics (1h → 1 min … 7d → 1 h). Revisions
 * asked for must be the service's own (another service's, or another tenant's, is not_found).
 */
export async function getServiceGatewayMetrics({
  ctx,
  serviceId,
  query,
}: {
  ctx: ServiceContext;
  serviceId: string;
  query: Pick<ServiceGatewayMetricsQuery, "window" | "revision">;
}): Promise<ServiceGatewayMetrics> {
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

  const { seconds, bucketSeconds } = SERVICE_METRICS_WINDOWS[query.window];
  const bucketMs = bucketSeconds * 1000;
  const to = ctx.now();
  const from = new Date(Math.floor((to.getTime() - seconds * 1000) / bucketMs) * bucketMs + bucketMs);
  const filters: SQL[] = [
    sql`project_id = ${service.projectId}`,
    sql`service_id = ${service.id}`,
    sql`revision_id is not null`,
    sql`minute >= ${from.toISOString()}::timestamptz`,
  ];
  if (wanted?.length)
    filters.push(
      sql`revision_id in (${sql.join(
        wanted.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  const histogram = sql.join(
    Array.from({ length: HISTOGRAM_SIZE }, (_, i) =>
      sql.raw(`sum(latency_buckets[${i + 1}])::float8 as h${i}`),
    ),
    sql`, `,
  );
  const rows = rawRows<Row>(
    await ctx.db.execute(sql`
      select (floor(extract(epoch from minute) / ${bucketSeconds}) * ${bucketSeconds})::float8 as bucket,
        revision_id, status_code, sum(requests)::float8 as requests,
        sum(prompt_tokens)::float8 as prompt_tokens, sum(completion_tokens)::float8 as completion_tokens,
        max(latency_ms_max)::float8 as latency_max, ${histogram}
      from usage_minutes
      where ${sql.join(filters, sql` and `)}
      group by 1, 2, 3`),
  );

  const byRevision = new Map<string, Map<number, Sums>>();
  for (const row of rows) {
    const buckets = byRevision.get(row.revision_id) ?? new Map<number, Sums>();
    const start = Number(row.bucket) * 1000;
    const sums = buckets.get(start) ?? new Sums();
    sums.add(row);
    buckets.set(start, sums);
    byRevision.set(row.revision_id, buckets);
  }
  const series = [...byRevision]
    .map(([revisionId, buckets]) => ({
      revision_id: revisionId,
      revision_number: numbers.get(revisionId) ?? 0,
      points: [...buckets]
        .sort(([a], [b]) => a - b)
        .map(([start, s]) => s.point(new Date(start), bucketSeconds)),
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
