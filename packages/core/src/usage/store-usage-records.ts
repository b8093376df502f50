import { USAGE_LATENCY_BUCKETS_MS, type UsageRecord } from "@infera/contracts";
import { sql } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { rawRows } from "../shared/raw-rows.js";
import { withTransaction } from "../shared/transaction.js";

/** Records per statement: one JSON parameter each. */
const INSERT_ROWS = 1000;

export interface StoredUsage {
  /** Records this call added; the rest were stored before (a replayed journal segment). */
  inserted: number;
  duplicates: number;
}

/**
 * Stores a batch of usage records from a gateway's journal and adds the ones it really inserted to
 * the per-minute rollups, in one transaction: `ON CONFLICT (id) DO NOTHING … RETURNING` says which
 * records are new, and only those are summed, so shipping a segment twice (a crash between the
 * commit and the segment's deletion) changes nothing. Platform bookkeeping: no principal, not
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
    let inserted = 0;
    for (let i = 0; i < batch.length; i += INSERT_ROWS) {
      const result = await tx.db.execute(storeStatement(batch.slice(i, i + INSERT_ROWS)));
      inserted += Number(rawRows<{ inserted: number }>(result)[0]?.inserted ?? 0);
    }
    return { inserted, duplicates: batch.length - inserted };
  });
}

/** The bucket of `latency_ms` (contracts' `usageLatencyBucket`): the first bound it does not exceed, else the overflow. */
const BUCKET = sql.raw(
  `case ${USAGE_LATENCY_BUCKETS_MS.map((bound, i) => `when latency_ms <= ${bound} then ${i}`).join(" ")} else ${USAGE_LATENCY_BUCKETS_MS.length} end`,
);
const BUCKET_COUNTS = sql.raw(
  `array[${[...Array(USAGE_LATENCY_BUCKETS_MS.length + 1).keys()]
    .map((i) => `count(*) filter (where bucket = ${i})`)
    .join(", ")}]::bigint[]`,
);
/** Added to a minute's row already stored: sums, maxima, and the bucket counts element by element. */
const add = (column: string) => sql.raw(`${column} = usage_minutes.${column} + excluded.${column}`);
const GROUP = sql.raw(
  "minute, project_id, api_key_id, service_id, revision_id, model_version_id, endpoint, status_code",
);

/**
 * One statement for up to 1,000 records, nothing sent back but a count: the records as one JSON
 * parameter unpacked by `jsonb_to_recordset` (17 bound parameters per row took most of a batch's
 * time), inserted, and the rows really inserted summed into their minutes by the database. The
 * gateway process ships its own journal, so reading 1,000 ids back and summing in JavaScript cost
 * the gateway CPU on every call (docs/benchmarks.md "Gateway CPU per call").
 */
function storeStatement(rows: readonly UsageRecord[]) {
  return sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, at timestamptz,
        tenant_id text, project_id text, api_key_id text, service_id text, revision_id text,
        model_version_id text, endpoint text, status_code integer, prompt_tokens integer,
        completion_tokens integer, latency_ms double precision, ttft_ms double precision,
        tpot_ms double precision, cost_estimate numeric, streamed boolean)
    ),
    inserted as (
      insert into usage_records (id, at, tenant_id, project_id, api_key_id, service_id, revision_id,
        model_version_id, endpoint, status_code, prompt_tokens, completion_tokens, latency_ms, ttft_ms,
        tpot_ms, cost_estimate, streamed)
      select id, at, tenant_id, project_id, api_key_id, service_id, revision_id, model_version_id,
        endpoint, status_code, prompt_tokens, completion_tokens, latency_ms, ttft_ms, tpot_ms,
        cost_estimate, streamed
      from input
      on conflict (id) do nothing
      returning *
    ),
    bucketed as (
      select *, date_bin('1 minute', at, timestamptz '1970-01-01 00:00:00+00') as minute, ${BUCKET} as bucket
      from inserted
    ),
    rolled as (
      insert into usage_minutes (minute, tenant_id, project_id, api_key_id, service_id, revision_id,
        model_version_id, endpoint, status_code, requests, streamed_requests, prompt_tokens,
        completion_tokens, latency_ms_sum, latency_ms_max, latency_buckets, ttft_count, ttft_ms_sum,
        ttft_ms_max, tpot_count, tpot_ms_sum, cost_estimate_sum, priced_requests)
      select minute, min(tenant_id), project_id, api_key_id, service_id, revision_id, model_version_id,
        endpoint, status_code, count(*), count(*) filter (where streamed), sum(prompt_tokens),
        sum(completion_tokens), sum(latency_ms), max(latency_ms), ${BUCKET_COUNTS}, count(ttft_ms),
        coalesce(sum(ttft_ms), 0), max(ttft_ms), count(tpot_ms), coalesce(sum(tpot_ms), 0),
        coalesce(sum(cost_estimate), 0), count(cost_estimate)
      from bucketed
      group by ${GROUP}
      -- One order for every shipper, so that two shipping at once lock the same minutes in turn.
      order by ${GROUP}
      on conflict on constraint usage_minutes_group_key do update set
        ${add("requests")}, ${add("streamed_requests")}, ${add("prompt_tokens")},
        ${add("completion_tokens")}, ${add("latency_ms_sum")},
        latency_ms_max = greatest(usage_minutes.latency_ms_max, excluded.latency_ms_max),
        latency_buckets = array(select a + b from unnest(usage_minutes.latency_buckets, excluded.latency_buckets) as u(a, b)),
        ${add("ttft_count")}, ${add("ttft_ms_sum")},
        ttft_ms_max = greatest(usage_minutes.ttft_ms_max, excluded.ttft_ms_max),
        ${add("tpot_count")}, ${add("tpot_ms_sum")}, ${add("cost_estimate_sum")}, ${add("priced_requests")}
      returning 1
    )
    select count(*)::int as inserted from inserted`;
}
