import type { BlobGcReport } from "@infera/contracts";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { runBlobGc } from "./run-blob-gc.js";

/** Blob garbage collection on request: a platform admin's dry run or run (the admin routes). */
export async function collectBlobGarbage({
  ctx,
  dryRun,
}: {
  ctx: ServiceContext;
  dryRun: boolean;
}): Promise<BlobGcReport> {
  await authorize(ctx, dryRun ? "blob.gc.preview" : "blob.gc.run");
  return runBlobGc(ctx, dryRun);
}
