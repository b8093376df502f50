import { BLOB_GC_REPORT_LIMIT, type BlobGcEntry, type BlobGcReport } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import type { BlobInfo, BlobStore } from "../ports/blob-store.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { referencedDigests } from "./blob-references.js";
import { releaseTenantBlobs } from "./release-tenant-blobs.js";

const BATCH = 500;
export const DEFAULT_BLOB_GC_GRACE_MINUTES = 60;

const entry = (b: BlobInfo): BlobGcEntry => ({
  sha256: b.sha256,
  size: b.size,
  modified_at: b.modifiedAt.toISOString(),
});

/**
 * Finds stored blobs that no registered reference kind names and that are older than the grace
 * period. A dry run only reports them; a run deletes them (each re-checked just before: one an
 * upload confirmed since is spared) and records one audit event. Temporary objects that killed
 * puts left, older than the same cutoff, are swept too, and tenant holdings nothing references
 * any more are released (release-tenant-blobs.ts). Works in batches, so memory stays flat
 * however many objects the store holds. Callers authorize first: the admin verb
 * (collect-garbage.ts) or the scheduled run (collect-garbage-on-schedule.ts).
 */
export async function runBlobGc(ctx: ServiceContext, dryRun: boolean): Promise<BlobGcReport> {
  const store = ctx.blobs;
  const graceMinutes = ctx.settings.blobGcGraceMinutes ?? DEFAULT_BLOB_GC_GRACE_MINUTES;
  const cutoff = new Date(ctx.now().getTime() - graceMinutes * 60_000);
  const report: BlobGcReport = {
    dry_run: dryRun,
    location: store.location,
    grace_minutes: graceMinutes,
    cutoff: cutoff.toISOString(),
    scanned: { objects: 0, bytes: 0 },
    referenced: { objects: 0, bytes: 0 },
    too_new: { objects: 0, bytes: 0 },
    garbage: { objects: 0, bytes: 0, blobs: [], truncated: false },
    temporary: { objects: 0, bytes: 0 },
    deleted: dryRun ? null : { objects: 0, bytes: 0, blobs: [], truncated: false, skipped: 0 },
    released_holdings: 0,
  };

  const sweep = async (batch: BlobInfo[]) => {
    const referenced = await referencedDigests(
      ctx,
      batch.map((b) => b.sha256),
    );
    for (const b of batch) {
      if (referenced.has(b.sha256)) {
        count(report.referenced, b);
        continue;
      }
      count(report.garbage, b);
      if (report.garbage.blobs.length < BLOB_GC_REPORT_LIMIT) report.garbage.blobs.push(entry(b));
      else report.garbage.truncated = true;
      if (report.deleted) await remove(ctx, store, b, cutoff, report.deleted);
    }
  };

  let batch: BlobInfo[] = [];
  for await (const b of store.list()) {
    count(report.scanned, b);
    if (b.modifiedAt > cutoff) {
      count(report.too_new, b);
      continue;
    }
    batch.push(b);
    if (batch.length >= BATCH) {
      await sweep(batch);
      batch = [];
    }
  }
  await sweep(batch);
  report.temporary = await store.sweepTemporary(cutoff, { dryRun });
  // After the sweep: a holding released first could not change what the sweep keeps (holdings are
  // no references), but released last it also covers the blobs this run deleted.
  report.released_holdings = await releaseTenantBlobs(ctx.db, cutoff, dryRun);

  if (report.deleted) {
    const deleted = report.deleted;
    await withTransaction(ctx, (tx) =>
      recordAudit(tx, {
        action: "blob.gc.run",
        resourceType: "blob_store",
        resourceId: store.location,
        tenantId: null,
        after: {
          grace_minutes: graceMinutes,
          cutoff: report.cutoff,
          scanned: report.scanned,
          deleted: { objects: deleted.objects, bytes: deleted.bytes, skipped: deleted.skipped },
          temporary: report.temporary,
          released_holdings: report.released_holdings,
          digests: deleted.blobs.map((b) => b.sha256),
          digests_truncated: deleted.truncated,
        },
      }),
    );
  }
  return report;
}

function count(tally: { objects: number; bytes: number }, b: BlobInfo) {
  tally.objects += 1;
  tally.bytes += b.size;
}

async function remove(
  ctx: ServiceContext,
  store: BlobStore,
  b: BlobInfo,
  cutoff: Date,
  deleted: NonNullable<BlobGcReport["deleted"]>,
) {
  try {
    // A put of the same bytes since the listing refreshed its time: an upload is about to use it.
    const now = await store.stat(b.sha256);
    if (!now || now.modifiedAt > cutoff || !(await store.delete(b.sha256))) {
      deleted.skipped += 1;
      return;
    }
  } catch (err) {
    ctx.log.warn({ err, sha256: b.sha256 }, "blob collection could not delete an object");
    deleted.skipped += 1;
    return;
  }
  count(deleted, b);
  if (deleted.blobs.length < BLOB_GC_REPORT_LIMIT) deleted.blobs.push(entry(b));
  else deleted.truncated = true;
}
