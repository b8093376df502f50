import { opendir, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { and, eq, inArray, isNull, lte, or, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import type { UploadService } from "./upload-service.js";

const BATCH = 500;
/** A partial file younger than this may belong to an upload whose row is not yet visible: kept. */
const ORPHAN_MIN_AGE_MS = 60 * 60_000;

/**
 * Expires uploads past their expiry time: unfinished ones lose their partial file; completed ones
 * that no feature took stop holding their blob (garbage collection may then reclaim it). Run by the
 * server at start and every hour; returns how many uploads it expired. Partial files that no
 * unfinished upload owns any more (their project was deleted with its uploads) are removed too.
 */
export async function sweepExpiredUploads({ ctx }: { ctx: ServiceContext }): Promise<number> {
  const uploads = ctx.uploads;
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
    if (!rows.length) return total + (await removeOrphanFiles(ctx, uploads));
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
    if (rows.length < BATCH) return total + (await removeOrphanFiles(ctx, uploads));
  }
}

/** Files in the uploads folder without an unfinished upload row, older than an hour; returns how many. */
async function removeOrphanFiles(ctx: ServiceContext, uploads: UploadService): Promise<number> {
  const dir = uploads.settings.dir;
  const cutoff = ctx.now().getTime() - ORPHAN_MIN_AGE_MS;
  let removed = 0;
  let names: string[] = [];
  const check = async () => {
    const live = await ctx.db
      .select({ id: tables.uploads.id })
      .from(tables.uploads)
      .where(and(inArray(tables.uploads.id, names), eq(tables.uploads.state, "uploading")));
    const owned = new Set(live.map((r) => r.id));
    for (const name of names) {
      if (owned.has(name)) continue;
      const path = join(dir, name);
      const s = await stat(path).catch(() => null);
      if (!s?.isFile() || s.mtimeMs > cutoff) continue;
      if (
        await unlink(path).then(
          () => true,
          () => false,
        )
      )
        removed += 1;
    }
    names = [];
  };
  let entries: Awaited<ReturnType<typeof opendir>>;
  try {
    entries = await opendir(dir);
  } catch {
    return 0; // no folder yet: nothing was ever uploaded
  }
  for await (const e of entries) {
    if (!e.isFile() || !e.name.startsWith("upl_")) continue;
    names.push(e.name);
    if (names.length >= BATCH) await check();
  }
  if (names.length) await check();
  return removed;
}
