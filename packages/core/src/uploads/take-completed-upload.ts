import { eq, tables } from "@infera/db";
import { DomainError, notFound } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";
import { findUpload } from "./upload-queries.js";

/**
 * Hands a completed upload of the project to the feature that registers its bytes (a model or
 * dataset version file), once: inside the caller's transaction, so a rollback gives it back. The
 * caller has authorized its own action on `projectId`; from then on it references the blob.
 */
export async function takeCompletedUpload(
  tx: TxContext,
  { projectId, uploadId }: { projectId: string; uploadId: string },
): Promise<{ sha256: string; size: number; filename: string; contentType: string | null }> {
  const row = await findUpload(tx.db, uploadId, true);
  if (row.projectId !== projectId) throw notFound("upload");
  if (row.state !== "complete" || !row.sha256)
    throw new DomainError(
      "conflict",
      `upload ${row.id} is ${row.state === "uploading" && row.expiresAt <= tx.now() ? "expired" : row.state}, not complete`,
      { upload_id: row.id, state: row.state },
    );
  if (row.takenAt)
    throw new DomainError("conflict", `upload ${row.id} was already used`, { upload_id: row.id });
  await tx.db.update(tables.uploads).set({ takenAt: tx.now() }).where(eq(tables.uploads.id, row.id));
  return { sha256: row.sha256, size: row.length, filename: row.filename, contentType: row.contentType };
}
