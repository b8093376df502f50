import { type Executor, sql } from "@infera/db";

export interface WorkloadGauges {
  /** Fine-tuning jobs by status (only statuses that have jobs). */
  jobs: { status: string; count: number }[];
  /** Unfinished queue items by kind and state: ready (due), scheduled (due later) or leased. */
  queue: { kind: string; state: "ready" | "scheduled" | "leased"; count: number }[];
}

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] =>
  (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];

/**
 * What `/metrics` reports about the workload at scrape time: one grouped count of jobs by status
 * and one of unfinished queue items by kind and state (times from the database's clock, as the
 * queue's own). Read by the server's metrics registry, not a verb: no principal, no tenant data.
 */
export async function readWorkloadGauges(db: Executor): Promise<WorkloadGauges> {
  const jobs = rowsOf(
    await db.execute(sql`select status, count(*)::int as n from fine_tune_jobs group by status`),
  );
  const queue = rowsOf(
    await db.execute(sql`
      select kind,
        case when status = 'leased' then 'leased' when run_after > now() then 'scheduled' else 'ready' end as state,
        count(*)::int as n
      from work_items where status in ('queued', 'leased')
      group by 1, 2`),
  );
  return {
    jobs: jobs.map((r) => ({ status: String(r.status), count: Number(r.n) })),
    queue: queue.map((r) => ({
      kind: String(r.kind),
      state: r.state as WorkloadGauges["queue"][number]["state"],
      count: Number(r.n),
    })),
  };
}
