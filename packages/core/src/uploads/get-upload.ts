import type { Upload } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeUpload, toUpload } from "./upload-queries.js";

export async function getUpload({
  ctx,
  uploadId,
}: {
  ctx: ServiceContext;
  uploadId: string;
}): Promise<Upload> {
  const row = await authorizeUpload(ctx, uploadId, "upload.read");
  return toUpload(row, ctx.now());
}
