import {
  USAGE_LATENCY_BUCKETS_MS,
  type UsageFigures,
  type UsageGroupBy,
  type UsageQuery,
  type UsageReport,
  usageLatencyPercentile,
} from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import { isModelVersionOfTenant } from "../prices/model-version-of-tenant.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid, notFound } from "../shared/errors.js";
import { rawRows } from "../shared/raw-rows.js";
import { usageGroupLabels } from "./usage-group-labels.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest range one report covers: 90 days of hourly rows is still a few thousand points a group. */
export const USAGE_REPORT_MAX_DAYS = 90;

const GROUP_COLUMN: Record<UsageGroupBy, SQL> = {
  service: sql`service_id`,
  revision: sql`revision_id`,
  api_key: sql`api_key_id`,
  model_version: sql`model_version_id`,
  status_code: sql`status_code::text`,
};
const STATUS_CLASS: Record<NonNullable<UsageQuery["status_class"]>, SQL> = {
  "2xx": sql`status_code between 200 and 299`,
  "4xx": sql`status_code between 400 and 499`,
  "5xx": sql`status_code between 500 and 599`,
};
const HISTOGRAM_SIZE = USAGE_LATENCY_BUCKETS_MS.length + 1;

/** One row of the aggregate: a bucket × group × status code, every sum as float8 (a number on both engines). */
interface AggregateRow {
  bucket: number;
  grp: string | null;
  status_code: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  latency_sum: number;
  latency_max: number;
  ttft_count: number;
  ttft_sum: number;
  cost: number;
  priced: number;
  [histogram: `h${number}`]: number;
}

/** Running sums that become one `UsageFigures`. */
class Sums {
  requests = 0;
  errors = 0;
  promptTokens = 0;
  completionTokens = 0;
  latencySum = 0;
  latencyMax = 0;
  ttftCount = 0;
  ttftSum = 0;
  cost = 0;
  priced = 0;
  histogram = new Array<number>(HISTOGRAM_SIZE).fill(0);

  add(r: AggregateRow) {
    this.requests += r.requests;
    if (r.status_code >= 400) this.errors += r.requests;
    this.promptTokens += r.prompt_tokens;
    this.completionTokens += r.completion_tokens;
    this.latencySum += r.latency_sum;
    this.latencyMax = Math.max(this.latencyMax, r.latency_max);
    this.ttftCount += r.ttft_count;
    this.ttftSum += r.ttft_sum;
    this.cost += r.cost;
    this.priced += r.priced;
    for (let i = 0; i < HISTOGRAM_SIZE; i++) this.histogram[i]! += r[`h${i}`] ?? 0;
  }

  figures(): UsageFigures {
    const n = this.requests;
    const p95 = usageLatencyPercentile(this.histogram, 0.95, this.latencyMax);
    return {
      requests: n,
      errors: this.errors,
      success_rate: n ? round((n - this.errors) / n, 4) : null,
      prompt_tokens: this.promptTokens,
      completion_tokens: this.completionTokens,
      total_tokens: this.promptTokens + this.completionTokens,
      latency_avg_ms: n ? round(this.latencySum / n, 2) : null,
      latency_p95_ms: p95 === null ? null : round(p95, 2),
      ttft_avg_ms: this.ttftCount ? round(this.ttftSum / this.ttftCount, 2) : null,
      cost_estimate: round(this.cost, 8),
      priced_requests: this.priced,
    };
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function sumsOf<K>(map: Map<K, Sums>, key: K): Sums {
  let s = map.get(key);
  if (!s) {
    s = new Sums();
    map.set(key, s);
  }
  return s;
}

/**
 * The project's usage and cost over a range (seed 000 §4.3.9), from the per-minute rollups only (raw
 * records may have been pruned): totals, one row per group, a series per bucket and group, and
 * requests per bucket and status code. Percentiles come from the summed latency histograms
 * (decision 0030). Every id filter must name something of the project (of its tenant, for model
 * versions): another tenant's id is not_found like a missing one.
 */
export async function getUsageReport({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: Omit<UsageQuery, "format">;
}): Promise<UsageReport> {
  const access = await authorize(ctx, "usage.read", { projectId });
  const tenantId = access.tenantId!;
  const to = query.to ? new Date(query.to) : ctx.now();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
  if (from.getTime() >= to.getTime()) throw invalid("from must be before to", { field: "from" });
  if (to.getTime() - from.getTime() > USAGE_REPORT_MAX_DAYS * DAY_MS)
    throw invalid(`a report covers at most ${USAGE_REPORT_MAX_DAYS} days`, { field: "from" });
  await checkFilters(ctx, projectId, tenantId, query);

  const bucketSeconds = query.granularity === "day" ? 86_400 : 3_600;
  const filters: SQL[] = [sql`project_id = ${projectId}`, sql`minute >= ${from.toISOString()}::timestamptz`];
  filters.push(sql`minute < ${to.toISOString()}::timestamptz`);
  if (query.service_id) filters.push(sql`service_id = ${query.service_id}`);
  if (query.revision_id) filters.push(sql`revision_id = ${query.revision_id}`);
  if (query.api_key_id) filters.push(sql`api_key_id = ${query.api_key_id}`);
  if (query.model_version_id) filters.push(sql`model_version_id = ${query.model_version_id}`);
  if (query.status_class) filters.push(STATUS_CLASS[query.status_class]);
  const histogram = sql.join(
    Array.from({ length: HISTOGRAM_SIZE }, (_, i) =>
      sql.raw(`sum(latency_buckets[${i + 1}])::float8 as h${i}`),
    ),
    sql`, `,
  );
  const rows = rawRows<AggregateRow>(
    await ctx.db.execute(sql`
      select (floor(extract(epoch from minute) / ${bucketSeconds}) * ${bucketSeconds})::float8 as bucket,
        ${GROUP_COLUMN[query.group_by]} as grp, status_code,
        sum(requests)::float8 as requests, sum(prompt_tokens)::float8 as prompt_tokens,
        sum(completion_tokens)::float8 as completion_tokens, sum(latency_ms_sum)::float8 as latency_sum,
        max(latency_ms_max)::float8 as latency_max, sum(ttft_count)::float8 as ttft_count,
        sum(ttft_ms_sum)::float8 as ttft_sum, sum(cost_estimate_sum)::float8 as cost,
        sum(priced_requests)::float8 as priced, ${histogram}
      from usage_minutes
      where ${sql.join(filters, sql` and `)}
      group by 1, 2, 3`),
  );

  const totals = new Sums();
  const byGroup = new Map<string | null, Sums>();
  const byBucketGroup = new Map<string, Sums>();
  const byBucketStatus = new Map<string, Sums>();
  for (const r of rows) {
    const row = { ...r, bucket: Number(r.bucket), status_code: Number(r.status_code) };
    totals.add(row);
    sumsOf(byGroup, row.grp).add(row);
    sumsOf(byBucketGroup, JSON.stringify([row.bucket, row.grp])).add(row);
    sumsOf(byBucketStatus, JSON.stringify([row.bucket, row.status_code])).add(row);
  }

  const [tenant] = await ctx.db
    .select({ currency: tables.tenants.currency })
    .from(tables.tenants)
    .where(eq(tables.tenants.id, tenantId));
  const labels = await usageGroupLabels(ctx, projectId, query.group_by, [...byGroup.keys()]);
  const groups = [...byGroup]
    .map(([group, s]) => ({ group, label: labels.get(group) ?? String(group), ...s.figures() }))
    .sort((a, b) => b.requests - a.requests || a.label.localeCompare(b.label));
  const order = new Map(groups.map((g, i) => [g.group, i]));
  const series = [...byBucketGroup]
    .map(([key, s]) => {
      const [bucket, group] = JSON.parse(key) as [number, string | null];
      return { bucket, point: { time: new Date(bucket * 1000).toISOString(), group, ...s.figures() } };
    })
    .sort((a, b) => a.bucket - b.bucket || (order.get(a.point.group) ?? 0) - (order.get(b.point.group) ?? 0))
    .map((x) => x.point);
  const statusCodes = [...byBucketStatus]
    .map(([key, s]) => {
      const [bucket, code] = JSON.parse(key) as [number, number];
      return { bucket, time: new Date(bucket * 1000).toISOString(), status_code: code, requests: s.requests };
    })
    .sort((a, b) => a.bucket - b.bucket || a.status_code - b.status_code)
    .map(({ bucket: _, ...x }) => x);

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    group_by: query.group_by,
    granularity: query.granularity,
    currency: tenant?.currency ?? "USD",
    totals: totals.figures(),
    groups,
    series,
    status_codes: statusCodes,
  };
}

/** Each id filter must name a row of the project (a model version: of its tenant); anything else is not_found. */
async function checkFilters(
  ctx: ServiceContext,
  projectId: string,
  tenantId: string,
  query: Pick<UsageQuery, "service_id" | "revision_id" | "api_key_id" | "model_version_id">,
): Promise<void> {
  if (query.service_id) {
    const s = tables.services;
    const [row] = await ctx.db
      .select({ id: s.id })
      .from(s)
      .where(and(eq(s.id, query.service_id), eq(s.projectId, projectId)));
    if (!row) throw notFound("service");
  }
  if (query.revision_id) {
    const r = tables.serviceRevisions;
    const [row] = await ctx.db
      .select({ id: r.id })
      .from(r)
      .where(and(eq(r.id, query.revision_id), eq(r.projectId, projectId)));
    if (!row) throw notFound("service revision");
  }
  if (query.api_key_id) {
    const k = tables.apiKeys;
    const [row] = await ctx.db
      .select({ id: k.id })
      .from(k)
      .where(and(eq(k.id, query.api_key_id), eq(k.projectId, projectId)));
    if (!row) throw notFound("API key");
  }
  if (query.model_version_id && !(await isModelVersionOfTenant(ctx, tenantId, query.model_version_id)))
    throw notFound("model version");
}
