import { type Executor, sql } from "@infera/db";

/**
 * Releases tenant holdings that nothing of their tenant references any more — no model or dataset
 * version file of the tenant, no stored checkpoint of its jobs, no completed upload of it that no
 * version took yet — and that were
 * last confirmed before `cutoff` (the garbage collection's grace period). Holdings are not blob
 * references: they never keep a blob alive, and without this a tenant would keep the right to
 * name a digest forever, and learn whether someone else still stores those bytes. A dry run
 * counts what a run would release.
 */
export async function releaseTenantBlobs(exec: Executor, cutoff: Date, dryRun: boolean): Promise<number> {
  const unreferenced = sql`tb.last_seen_at < ${cutoff.toISOString()}::timestamptz
    and not exists (
      select 1 from uploads u
      where u.tenant_id = tb.tenant_id and u.sha256 = tb.sha256 and u.state = 'complete' and u.taken_at is null)
    and not exists (
      select 1 from model_version_files f
      join model_versions v on v.id = f.version_id
      join models m on m.id = v.model_id
      where m.tenant_id = tb.tenant_id and f.sha256 = tb.sha256)
    and not exists (
      select 1 from dataset_version_files f
      join dataset_versions v on v.id = f.version_id
      join datasets d on d.id = v.dataset_id
      where d.tenant_id = tb.tenant_id and f.sha256 = tb.sha256)
    and not exists (
      select 1 from fine_tune_checkpoint_files f
      join fine_tune_checkpoints c on c.job_id = f.job_id and c.name = f.name
      where c.tenant_id = tb.tenant_id and f.sha256 = tb.sha256)`;
  const query = dryRun
    ? sql`select count(*)::int as n from tenant_blobs tb where ${unreferenced}`
    : sql`with gone as (delete from tenant_blobs tb where ${unreferenced} returning 1)
        select count(*)::int as n from gone`;
  // Both drivers (pg, PGlite) answer raw SQL with `rows`.
  const { rows } = (await exec.execute(query)) as unknown as { rows: { n: number }[] };
  return Number(rows[0]?.n ?? 0);
}
