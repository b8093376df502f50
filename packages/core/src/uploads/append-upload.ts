import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, stat, truncate, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import type { Upload } from "@infera/contracts";
import { and, eq, lt, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { recordTenantBlobs } from "../blobs/record-tenant-blobs.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { isComplete, patchRoom } from "./upload-offsets.js";
import {
  authorizeUpload,
  effectiveState,
  expiryFrom,
  findUpload,
  toUpload,
  type UploadRow,
} from "./upload-queries.js";
import type { UploadService } from "./upload-service.js";

/** Received chunks are written in batches of about this many bytes (fewer system calls). */
const WRITE_BATCH = 4 * 1024 * 1024;
/**
 * While a PATCH runs, the offset is recorded each time about this many more bytes are on disk, so
 * a server killed mid-request lets the client resume near where it was, not from the PATCH's start.
 */
export const PROGRESS_EVERY = 8 * 1024 * 1024;

export interface AppendResult {
  upload: Upload;
  /** The body ended before its bytes were all sent (the connection dropped): what came is kept. */
  cut: boolean;
}

/**
 * Appends a request body at the client's offset (a tus PATCH). The bytes go to the partial file
 * and through sha256 as they arrive; when the body stops early, what arrived is flushed and
 * recorded, so the client resumes from there. When the last byte arrives, the digest is checked
 * against the client's sha256 (a mismatch fails the upload and stores nothing) and the file is
 * committed to the blob store.
 */
export async function appendUpload({
  ctx,
  uploadId,
  offset,
  contentLength,
  body,
}: {
  ctx: ServiceContext;
  uploadId: string;
  offset: number;
  contentLength?: number;
  body: AsyncIterable<Uint8Array> | null;
}): Promise<AppendResult> {
  const uploads = ctx.uploads;
  await authorizeUpload(ctx, uploadId, "upload.create");
  return uploads.exclusive(uploadId, async () => {
    const row = await findUpload(ctx.db, uploadId);
    const state = effectiveState(row, ctx.now());
    if (state === "complete" && offset === row.length && !contentLength)
      return { upload: toUpload(row, ctx.now()), cut: false };
    if (state !== "uploading")
      throw new DomainError("not_found", `upload ${row.id} is ${state}: it takes no more bytes`);
    // Every byte arrived but the completion did not finish (a crash): finish it now.
    if (row.byteOffset === row.length && offset === row.length && !contentLength) {
      const path = uploads.pathOf(row.id);
      const digest = row.sha256 ?? (await rebuildHash(path, row.byteOffset)).digest("hex");
      return { upload: await complete(ctx, uploads, row, digest), cut: false };
    }
    const room = patchRoom({ length: row.length, offset: row.byteOffset }, offset, contentLength);
    const path = uploads.pathOf(row.id);
    const hash = uploads.takeHash(row.id, row.byteOffset) ?? (await rebuildHash(path, row.byteOffset));
    // Only ever moves forward, and only while the upload still takes bytes.
    const recordProgress = async (durable: number) => {
      const now = ctx.now();
      await ctx.db
        .update(tables.uploads)
        .set({
          byteOffset: row.byteOffset + durable,
          updatedAt: now,
          expiresAt: expiryFrom(now, uploads.settings.expiryHours),
        })
        .where(
          and(
            eq(tables.uploads.id, row.id),
            eq(tables.uploads.state, "uploading"),
            lt(tables.uploads.byteOffset, row.byteOffset + durable),
          ),
        );
    };
    const onDurable = (durable: number) =>
      recordProgress(durable).catch((err) =>
        // Progress is a help for a crash only: the request goes on, and records its end as always.
        ctx.log.warn({ err, uploadId: row.id }, "could not record an upload's progress"),
      );
    const { written, cut, tooLong } = await appendBody(path, body, hash, room, onDurable);
    const received = row.byteOffset + written;
    const now = ctx.now();
    const [updated] = await ctx.db
      .update(tables.uploads)
      .set({ byteOffset: received, updatedAt: now, expiresAt: expiryFrom(now, uploads.settings.expiryHours) })
      .where(eq(tables.uploads.id, row.id))
      .returning();
    if (tooLong)
      throw new DomainError(
        "payload_too_large",
        `the body runs past the upload's declared length of ${row.length} bytes; ${received} bytes are kept`,
        { offset: received },
      );
    if (!isComplete(row, received)) {
      uploads.keepHash(row.id, hash, received);
      return { upload: toUpload(updated!, now), cut };
    }
    return { upload: await complete(ctx, uploads, updated!, hash.digest("hex")), cut };
  });
}

/** The digest of the file's first `offset` bytes, after a restart; bytes past `offset` were never recorded and go. */
async function rebuildHash(path: string, offset: number): Promise<Hash> {
  const hash = createHash("sha256");
  if (offset === 0) {
    await unlink(path).catch(ignoreMissing);
    return hash;
  }
  await truncate(path, offset);
  for await (const chunk of createReadStream(path, { end: offset - 1, highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash;
}

/**
 * Writes the body to the end of the partial file, hashing it. Every PROGRESS_EVERY bytes the file
 * is datasynced and `onDurable` told how many of this body's bytes are on disk (after the sync,
 * so a recorded offset never runs ahead of the disk); it runs beside the receiving and is waited
 * for before returning, so the caller's final record always comes last.
 */
async function appendBody(
  path: string,
  body: AsyncIterable<Uint8Array> | null,
  hash: Hash,
  room: number,
  onDurable: (bytes: number) => Promise<void>,
) {
  await mkdir(dirname(path), { recursive: true });
  const fh = await open(path, "a");
  let written = 0;
  /** Bytes whose write finished (in the page cache, not yet necessarily on disk). */
  let inFile = 0;
  let reported = 0;
  let progress: Promise<void> | null = null;
  const maybeReport = () => {
    if (progress || inFile - reported < PROGRESS_EVERY) return;
    const upTo = inFile;
    progress = (async () => {
      try {
        await fh.datasync();
        await onDurable(upTo);
        reported = upTo;
      } catch {
        // A failed sync leaves the offset where it was; the end of the request syncs again.
      } finally {
        progress = null;
      }
    })();
  };
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let cut = false;
  let tooLong = false;
  // One batch is written (on libuv's thread pool) while the next arrives and is hashed here: at most
  // two batches are held, and a write error surfaces at the next flush.
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (!pendingBytes) return;
    const batch = pending;
    const size = pendingBytes;
    pending = [];
    pendingBytes = 0;
    writing = fh.writev(batch).then(() => {
      inFile += size;
      maybeReport();
    });
    // Handled here so a failed write never counts as an unhandled rejection before the next flush awaits it.
    writing.catch(() => {});
  };
  try {
    try {
      if (body)
        for await (const chunk of body) {
          if (written + chunk.length > room) {
            tooLong = true;
            break;
          }
          hash.update(chunk);
          pending.push(chunk);
          pendingBytes += chunk.length;
          written += chunk.length;
          if (pendingBytes >= WRITE_BATCH) await flush();
        }
    } catch {
      // The client went away mid-body: keep what arrived.
      cut = true;
    }
    await flush();
    await writing;
    await fh.sync();
  } finally {
    await progress;
    await fh.close();
  }
  return { written, cut, tooLong };
}

/** Checks the digest, commits the bytes to the blob store and records the completion. */
async function complete(ctx: ServiceContext, uploads: UploadService, row: UploadRow, sha256: string) {
  const path = uploads.pathOf(row.id);
  uploads.forget(row.id);
  const now = ctx.now();
  if (row.expectedSha256 && row.expectedSha256 !== sha256) {
    const failure = `the bytes received do not match the declared sha256 (declared ${row.expectedSha256}, received ${sha256}); nothing was stored`;
    await ctx.db
      .update(tables.uploads)
      .set({ state: "failed", failure, sha256, updatedAt: now })
      .where(eq(tables.uploads.id, row.id));
    await unlink(path).catch(ignoreMissing);
    throw new DomainError("validation_error", failure, { expected_sha256: row.expectedSha256, sha256 });
  }
  // The digest is recorded first: a crash after the commit below still finds the bytes by it.
  await ctx.db.update(tables.uploads).set({ sha256 }).where(eq(tables.uploads.id, row.id));
  if (await exists(path)) await ctx.blobs.putFile(path, { expectedSize: row.length, trustedSha256: sha256 });
  else if (!(await ctx.blobs.stat(sha256)))
    throw new DomainError("internal", `upload ${row.id}: neither its partial file nor its blob exists`);
  return withTransaction(ctx, async (tx) => {
    const [done] = await tx.db
      .update(tables.uploads)
      .set({ state: "complete", sha256, completedAt: now, updatedAt: now })
      .where(eq(tables.uploads.id, row.id))
      .returning();
    const upload = toUpload(done!, now);
    await recordTenantBlobs(tx.db, row.tenantId, [sha256], "upload", now);
    await recordAudit(tx, {
      action: "upload.complete",
      resourceType: "upload",
      resourceId: row.id,
      tenantId: row.tenantId,
      projectId: row.projectId,
      before: toUpload(row, now),
      after: upload,
    });
    return upload;
  });
}

async function exists(path: string) {
  try {
    await stat(path);
    return true;
  } catch (err) {
    ignoreMissing(err);
    return false;
  }
}

function ignoreMissing(err: unknown) {
  if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
}
