import { unlink } from "node:fs/promises";
import { and, eq, inArray, isNull, lte, or, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import type { UploadService } from "./upload-service.js";

const BATCH = 500;

/**
 * Expires uploads past their expiry time: unfinished ones lose their partial file; completed ones
 * that no feature took stop holding their blob (garbage collection may then reclaim it). Run by the
 * server at start and every hour; returns how many uploads it expired.
 */
export async function sweepExpiredUploads({
  ctx,
  uploads,
}: {
  ctx: ServiceContext;
  uploads: UploadService;
}): Promise<number> {
  const now = ctx.now();
  const due = or(
    eq(tables.uploads.state, "uploading"),
    and(eq(tables.uploads.state, "complete"), isNull(tables.uploads.takenAt)),
  );
  let total = 0;
  for (;;) {
    const rows = await ctx.db
      .select({ id: tables.uploads.id })
      .from(tables.uploads)
      .where(and(due, lte(tables.uploads.expiresAt, now)))
      .limit(BATCH);
    if (!rows.length) return total;
    const ids = rows.map((r) => r.id);
    const expired = await ctx.db
      .update(tables.uploads)
      .set({ state: "expired", updatedAt: now })
      .where(and(inArray(tables.uploads.id, ids), due, lte(tables.uploads.expiresAt, now)))
      .returning({ id: tables.uploads.id });
    for (const { id } of expired) {
      uploads.forget(id);
      await unlink(uploads.pathOf(id)).catch(() => {});
    }
    total += expired.length;
    if (rows.length < BATCH) return total;
  }
}
