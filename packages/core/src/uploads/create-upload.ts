import type { CreateUploadInput, Upload } from "@infera/contracts";
import { tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { creatorOf, expiryFrom, toUpload } from "./upload-queries.js";

/** Starts a resumable upload in a project (tus creation): no bytes yet, offset 0. */
export async function createUpload({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateUploadInput;
}): Promise<Upload> {
  const uploads = ctx.uploads;
  const access = await authorize(ctx, "upload.create", { projectId: input.project_id });
  const max = uploads.settings.maxBytes;
  if (input.length > max)
    throw new DomainError(
      "payload_too_large",
      `Upload-Length ${input.length} is over this server's limit of ${max} bytes (INFERA_MAX_UPLOAD_BYTES)`,
      { max_bytes: max },
    );
  const now = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(tables.uploads)
      .values({
        id: newId("upload"),
        tenantId: access.tenantId!,
        projectId: input.project_id,
        createdBy: creatorOf(ctx),
        filename: input.filename,
        contentType: input.content_type ?? null,
        length: input.length,
        expectedSha256: input.sha256 ?? null,
        expiresAt: expiryFrom(now, uploads.settings.expiryHours),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const upload = toUpload(row!, now);
    await recordAudit(tx, {
      action: "upload.create",
      resourceType: "upload",
      resourceId: upload.id,
      tenantId: row!.tenantId,
      projectId: row!.projectId,
      after: upload,
    });
    return upload;
  });
}
