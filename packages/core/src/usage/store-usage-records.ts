import { USAGE_LATENCY_BUCKETS_MS, type UsageRecord, usageLatencyBucket } from "@infera/contracts";
import { sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { rawRows } from "../shared/raw-rows.js";
import { withTransaction } from "../shared/transaction.js";

const minutes = tables.usageMinutes;
/** Rows per statement: one JSON parameter each; rollup rows take 23 parameters, far below 65,535 for 1,000. */
const INSERT_ROWS = 1000;

export interface StoredUsage {
  /** Records this call added; the rest were stored before (a replayed journal segment). */
  inserted: number;
  duplicates: number;
}

/**
 * Stores a batch of usage records from a gateway's journal and adds the ones it really inserted to
 * the per-minute rollups, in one transaction: `ON CONFLICT (id) DO NOTHING … RETURNING id` tells
 * which records are new, and only those are summed, so shipping a segment twice (a crash between
 * the commit and the segment's deletion) changes nothing. Platform bookkeeping: no principal, not
 * audited (the calls were authorized by the gateway).
 */
export async function storeUsageRecords({
  ctx,
  batch,
}: {
  ctx: ServiceContext;
  batch: readonly UsageRecord[];
}): Promise<StoredUsage> {
  if (!batch.length) return { inserted: 0, duplicates: 0 };
  return withTransaction(ctx, async (tx) => {
    const added = new Set<string>();
    for (let i = 0; i < batch.length; i += INSERT_ROWS)
      for (const r of await insertRecords(tx, batch.slice(i, i + INSERT_ROWS))) added.add(r.id);
    // A record repeated inside one batch is inserted once: sum each id once.
    const fresh = new Map<string, UsageRecord>();
    for (const r of batch) if (added.has(r.id) && !fresh.has(r.id)) fresh.set(r.id, r);
    const groups = rollUp(fresh.values());
    for (let i = 0; i < groups.length; i += INSERT_ROWS)
      await upsertMinutes(tx, groups.slice(i, i + INSERT_ROWS));
    return { inserted: fresh.size, duplicates: batch.length - fresh.size };
  });
}

/**
 * One statement and one parameter for the whole batch: the records as a JSON array, unpacked by
 * `jsonb_to_recordset`. Building 17 bound parameters per row took most of a batch's time.
 */
async function insertRecords(
  tx: Pick<ServiceContext, "db">,
  rows: readonly UsageRecord[],
): Promise<{ id: string }[]> {
  const result = await tx.db.execute(sql`
    insert into usage_records (id, at, tenant_id, project_id, api_key_id, service_id, revision_id,
      model_version_id, endpoint, status_code, prompt_tokens, completion_tokens, latency_ms, ttft_ms,
      tpot_ms, cost_estimate, streamed)
    select id, at, tenant_id, project_id, api_key_id, service_id, revision_id, model_version_id,
      endpoint, status_code, prompt_tokens, completion_tokens, latency_ms, ttft_ms, tpot_ms,
      cost_estimate, streamed
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, at timestamptz,
      tenant_id text, project_id text, api_key_id text, service_id text, revision_id text,
      model_version_id text, endpoint text, status_code integer, prompt_tokens integer,
      completion_tokens integer, latency_ms double precision, ttft_ms double precision,
      tpot_ms double precision, cost_estimate numeric, streamed boolean)
    on conflict (id) do nothing
    returning id`);
  return rawRows<{ id: string }>(result);
}

type MinuteRow = typeof minutes.$inferInsert & { latencyBuckets: number[] };

/** Sums records into one row per minute and group, sorted so that two shippers lock rows in one order. */
function rollUp(fresh: Iterable<UsageRecord>): MinuteRow[] {
  const groups = new Map<string, MinuteRow>();
  for (const r of fresh) {
    const minute = new Date(Math.floor(Date.parse(r.at) / 60_000) * 60_000);
    const key = JSON.stringify([
      minute.getTime(),
      r.project_id,
      r.api_key_id,
      r.service_id,
      r.revision_id,
      r.model_version_id,
      r.endpoint,
      r.status_code,
    ]);
    let g = groups.get(key);
    if (!g) {
      g = {
        minute,
        tenantId: r.tenant_id,
        projectId: r.project_id,
        apiKeyId: r.api_key_id,
        serviceId: r.service_id,
        revisionId: r.revision_id,
        modelVersionId: r.model_version_id,
        endpoint: r.endpoint,
        statusCode: r.status_code,
        requests: 0,
        streamedRequests: 0,
        promptTokens: 0,
        completionTokens: 0,
        latencyMsSum: 0,
        latencyMsMax: 0,
        latencyBuckets: new Array(USAGE_LATENCY_BUCKETS_MS.length + 1).fill(0),
        ttftCount: 0,
        ttftMsSum: 0,
        ttftMsMax: null,
        tpotCount: 0,
        tpotMsSum: 0,
        costEstimateSum: 0,
        pricedRequests: 0,
      };
      groups.set(key, g);
    }
    g.requests += 1;
    if (r.streamed) g.streamedRequests += 1;
    g.promptTokens += r.prompt_tokens;
    g.completionTokens += r.completion_tokens;
    g.latencyMsSum += r.latency_ms;
    g.latencyMsMax = Math.max(g.latencyMsMax, r.latency_ms);
    const bucket = usageLatencyBucket(r.latency_ms);
    g.latencyBuckets[bucket] = (g.latencyBuckets[bucket] ?? 0) + 1;
    if (r.ttft_ms !== null) {
      g.ttftCount += 1;
      g.ttftMsSum += r.ttft_ms;
      g.ttftMsMax = Math.max(g.ttftMsMax ?? 0, r.ttft_ms);
    }
    if (r.tpot_ms !== null) {
      g.tpotCount += 1;
      g.tpotMsSum += r.tpot_ms;
    }
    if (r.cost_estimate !== null) {
      g.pricedRequests += 1;
      g.costEstimateSum += r.cost_estimate;
    }
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

const add = (column: string) => sql.raw(`"usage_minutes"."${column}" + excluded."${column}"`);

async function upsertMinutes(tx: Pick<ServiceContext, "db">, rows: MinuteRow[]): Promise<void> {
  await tx.db
    .insert(minutes)
    .values(rows)
    .onConflictDoUpdate({
      target: [
        minutes.minute,
        minutes.projectId,
        minutes.apiKeyId,
        minutes.serviceId,
        minutes.revisionId,
        minutes.modelVersionId,
        minutes.endpoint,
        minutes.statusCode,
      ],
      set: {
        requests: add("requests"),
        streamedRequests: add("streamed_requests"),
        promptTokens: add("prompt_tokens"),
        completionTokens: add("completion_tokens"),
        latencyMsSum: add("latency_ms_sum"),
        latencyMsMax: sql`greatest(${minutes.latencyMsMax}, excluded.latency_ms_max)`,
        latencyBuckets: sql`array(select a + b from unnest(${minutes.latencyBuckets}, excluded.latency_buckets) as u(a, b))`,
        ttftCount: add("ttft_count"),
        ttftMsSum: add("ttft_ms_sum"),
        ttftMsMax: sql`greatest(${minutes.ttftMsMax}, excluded.ttft_ms_max)`,
        tpotCount: add("tpot_count"),
        tpotMsSum: add("tpot_ms_sum"),
        costEstimateSum: add("cost_estimate_sum"),
        pricedRequests: add("priced_requests"),
      },
    });
}
