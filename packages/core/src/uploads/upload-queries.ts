import type { Action, Upload } from "@infera/contracts";
import { type Executor, eq, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";

export type UploadRow = typeof tables.uploads.$inferSelect;

const UPLOAD_ID = /^upl_[0-9a-z]{26}$/;

/** The upload, whatever its project (callers authorize on `row.projectId` next); not_found otherwise. */
export async function findUpload(exec: Executor, uploadId: string, lock = false): Promise<UploadRow> {
  if (!UPLOAD_ID.test(uploadId)) throw notFound("upload");
  const q = exec.select().from(tables.uploads).where(eq(tables.uploads.id, uploadId));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("upload");
  return row;
}

/** An upload still receiving bytes past its expiry time is expired, whether or not the sweep ran. */
export function effectiveState(row: UploadRow, now: Date): UploadRow["state"] {
  if (row.state === "uploading" && row.expiresAt <= now) return "expired";
  return row.state;
}

export function toUpload(row: UploadRow, now: Date): Upload {
  return {
    id: row.id,
    project_id: row.projectId,
    filename: row.filename,
    content_type: row.contentType,
    length: row.length,
    offset: row.byteOffset,
    state: effectiveState(row, now),
    expected_sha256: row.expectedSha256,
    sha256: row.state === "complete" ? row.sha256 : null,
    failure: row.failure,
    created_by: row.createdBy,
    expires_at: row.expiresAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function creatorOf(ctx: ServiceContext): string | null {
  const p = ctx.principal;
  if (p.type === "user") return p.userId;
  if (p.type === "service_account") return p.serviceAccountId;
  return null;
}

export const expiryFrom = (now: Date, hours: number) => new Date(now.getTime() + hours * 3_600_000);

/** Loads the upload and decides the caller's access on its project (another tenant's answers not_found). */
export async function authorizeUpload(
  ctx: ServiceContext,
  uploadId: string,
  action: Action,
): Promise<UploadRow> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  const row = await findUpload(ctx.db, uploadId);
  await authorize(ctx, action, { projectId: row.projectId });
  return row;
}
