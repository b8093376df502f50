import type { FineTuneJobMetrics, FineTuneJobMetricsQuery } from "@infera/contracts";
import { type Executor, type SQL, sql } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { invalid } from "../../shared/errors.js";
import { authorizeJob } from "../job-access.js";

/** The axis and bookkeeping fields of a metrics event: never a series of their own. */
const NOT_SERIES = ["step", "epoch", "extra"];

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] =>
  (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];

/**
 * A job's metric curves by name, from its `metrics` events, between two steps, each series at most
 * `max_points` long. A longer series is downsampled in the database: its points (by step, then log
 * order) fall into `max_points / 4` equal buckets and each bucket keeps its first, last, lowest and
 * highest point, so the first and last points and every spike survive.
 */
export async function getFineTuneJobMetrics({
  ctx,
  jobId,
  query,
}: {
  ctx: ServiceContext;
  jobId: string;
  query: FineTuneJobMetricsQuery;
}): Promise<FineTuneJobMetrics> {
  await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  if (query.from_step !== undefined && query.to_step !== undefined && query.from_step > query.to_step)
    throw invalid("from_step must not be after to_step", {
      from_step: query.from_step,
      to_step: query.to_step,
    });
  const asked = [
    ...new Set(
      (query.name ?? "")
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ];
  const names = asked.length ? asked : await reportedNames(ctx.db, jobId);
  let downsampled = false;
  const series: FineTuneJobMetrics["series"] = [];
  for (const name of names) {
    const { points, reduced } = await loadSeries(ctx.db, jobId, name, query);
    downsampled ||= reduced;
    series.push({ name, points });
  }
  return { series, downsampled };
}

/** Every numeric field (top-level or in `extra`) the job's metrics events carry, by name. */
async function reportedNames(db: Executor, jobId: string): Promise<string[]> {
  const rows = rowsOf(
    await db.execute(sql`
      select distinct k as name from (
        select j.key as k, j.value as v
          from fine_tune_job_events e, jsonb_each(e.data) j
          where e.job_id = ${jobId} and e.type = 'metrics'
        union all
        select x.key, x.value
          from fine_tune_job_events e, jsonb_each(case when jsonb_typeof(e.data->'extra') = 'object' then e.data->'extra' else '{}'::jsonb end) x
          where e.job_id = ${jobId} and e.type = 'metrics'
      ) f
      where jsonb_typeof(v) = 'number' and k not in (${sql.join(
        NOT_SERIES.map((n) => sql`${n}`),
        sql`, `,
      )})
      order by name`),
  );
  return rows.map((r) => String(r.name));
}

async function loadSeries(
  db: Executor,
  jobId: string,
  name: string,
  query: FineTuneJobMetricsQuery,
): Promise<{ points: FineTuneJobMetrics["series"][number]["points"]; reduced: boolean }> {
  const buckets = Math.floor(query.max_points / 4);
  const value = sql`coalesce(
    case when jsonb_typeof(e.data->${name}) = 'number' then (e.data->>${name})::float8 end,
    case when jsonb_typeof(e.data->'extra'->${name}) = 'number' then (e.data->'extra'->>${name})::float8 end)`;
  const range: SQL[] = [];
  if (query.from_step !== undefined) range.push(sql` and (e.data->>'step')::int >= ${query.from_step}`);
  if (query.to_step !== undefined) range.push(sql` and (e.data->>'step')::int <= ${query.to_step}`);
  const rows = rowsOf(
    await db.execute(sql`
      with pts as (
        select (e.data->>'step')::int as step, ${value} as value, e.at, e.seq
          from fine_tune_job_events e
          where e.job_id = ${jobId} and e.type = 'metrics'
            and jsonb_typeof(e.data->'step') = 'number'
            and (jsonb_typeof(e.data->${name}) = 'number' or jsonb_typeof(e.data->'extra'->${name}) = 'number')
            ${sql.join(range, sql``)}
      ),
      numbered as (
        select *, row_number() over (order by step, seq) - 1 as rn, count(*) over () as n from pts
      ),
      bucketed as (
        select *, (rn * ${buckets}) / n as bucket from numbered
      ),
      ranked as (
        select *,
          row_number() over (partition by bucket order by rn) as first_in,
          row_number() over (partition by bucket order by rn desc) as last_in,
          row_number() over (partition by bucket order by value, rn) as low_in,
          row_number() over (partition by bucket order by value desc, rn) as high_in
        from bucketed
      )
      select step, value, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as time, n
        from ranked
        where n <= ${query.max_points} or first_in = 1 or last_in = 1 or low_in = 1 or high_in = 1
        order by rn`),
  );
  return {
    points: rows.map((r) => ({
      step: Number(r.step),
      value: Number(r.value),
      time: String(r.time),
    })),
    reduced: rows.length > 0 && Number(rows[0]!.n) > query.max_points,
  };
}
