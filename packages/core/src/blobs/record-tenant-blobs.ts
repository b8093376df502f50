import { type Executor, sql, tables } from "@infera/db";

export type TenantBlobSource = "upload" | "model_version" | "dataset_version" | "checkpoint";

/**
 * Records that `tenantId` holds these blobs (an upload completed in it, or one of its versions
 * registered them), inside the caller's transaction. A row that exists keeps its first sighting and
 * source; its `last_seen_at` moves to now, which also row-locks it, so a garbage collection
 * releasing holdings at the same moment waits and then sees it as fresh.
 */
export async function recordTenantBlobs(
  exec: Executor,
  tenantId: string,
  sha256s: readonly string[],
  source: TenantBlobSource,
  now: Date,
): Promise<void> {
  const unique = [...new Set(sha256s)].sort();
  if (!unique.length) return;
  const t = tables.tenantBlobs;
  await exec
    .insert(t)
    .values(unique.map((sha256) => ({ tenantId, sha256, source, firstSeenAt: now, lastSeenAt: now })))
    .onConflictDoUpdate({ target: [t.tenantId, t.sha256], set: { lastSeenAt: sql`excluded.last_seen_at` } });
}
