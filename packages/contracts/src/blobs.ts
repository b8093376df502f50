import { z } from "zod";
import { Timestamp } from "./common.js";

/** How many digests a garbage-collection report names; the counts and bytes always cover all. */
export const BLOB_GC_REPORT_LIMIT = 1000;

const Tally = z.object({ objects: z.number().int(), bytes: z.number().int() });

export const BlobGcEntry = z.object({
  sha256: z.string(),
  size: z.number().int(),
  modified_at: Timestamp,
});
export type BlobGcEntry = z.infer<typeof BlobGcEntry>;

/**
 * What a collection of unreferenced blobs found (dry run) or did (run). Objects newer than the grace
 * period are never collected: an upload may sit between its put and the row that references it.
 */
export const BlobGcReport = z.object({
  dry_run: z.boolean(),
  location: z.string().describe("Where the blob store keeps its objects (file:///… or s3://bucket/prefix)"),
  grace_minutes: z.number().int(),
  cutoff: Timestamp.describe("Objects modified after this are spared"),
  scanned: Tally,
  referenced: Tally,
  too_new: Tally,
  garbage: Tally.extend({
    blobs: z
      .array(BlobGcEntry)
      .describe(`Unreferenced, older than the grace period (first ${BLOB_GC_REPORT_LIMIT})`),
    truncated: z.boolean(),
  }),
  temporary: Tally.describe(
    "Temporary objects older than the cutoff that killed puts left behind: removed by a run, counted by a dry run",
  ),
  deleted: Tally.extend({
    blobs: z.array(BlobGcEntry),
    truncated: z.boolean(),
    /** Listed as garbage but not deleted: gone already, confirmed again by an upload, or failed. */
    skipped: z.number().int(),
  })
    .nullable()
    .describe("What the run removed; null for a dry run"),
  released_holdings: z
    .number()
    .int()
    .describe(
      "Tenant holdings (a tenant's right to name a digest in a version) that nothing of the tenant references any more, last confirmed before the cutoff: released by a run, counted by a dry run",
    ),
});
export type BlobGcReport = z.infer<typeof BlobGcReport>;
