import { unlink } from "node:fs/promises";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeUpload, effectiveState, findUpload, toUpload } from "./upload-queries.js";

/**
 * Ends an unfinished upload (tus termination): its partial file is removed and it takes no more
 * bytes. A completed upload cannot be canceled: its bytes are in the blob store already.
 */
export async function cancelUpload({
  ctx,
  uploadId,
}: {
  ctx: ServiceContext;
  uploadId: string;
}): Promise<void> {
  const uploads = ctx.uploads;
  await authorizeUpload(ctx, uploadId, "upload.create");
  await uploads.exclusive(uploadId, async () => {
    await withTransaction(ctx, async (tx) => {
      const row = await findUpload(tx.db, uploadId, true);
      const state = effectiveState(row, ctx.now());
      if (state !== "uploading")
        throw new DomainError(
          "conflict",
          `upload ${row.id} is ${state}; only an unfinished upload can be canceled`,
        );
      const now = ctx.now();
      const [after] = await tx.db
        .update(tables.uploads)
        .set({ state: "canceled", updatedAt: now })
        .where(eq(tables.uploads.id, row.id))
        .returning();
      await recordAudit(tx, {
        action: "upload.cancel",
        resourceType: "upload",
        resourceId: row.id,
        tenantId: row.tenantId,
        projectId: row.projectId,
        before: toUpload(row, now),
        after: toUpload(after!, now),
      });
    });
    uploads.forget(uploadId);
    await unlink(uploads.pathOf(uploadId)).catch(() => {});
  });
}
