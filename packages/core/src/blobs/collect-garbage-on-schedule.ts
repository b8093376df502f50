import type { BlobGcReport } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { runBlobGc } from "./run-blob-gc.js";

/**
 * The scheduled blob garbage collection (job `housekeeping.blob_gc`): the same run as the admin's
 * `POST /admin/blobs/gc`, by the platform itself. Nobody asks, so nobody is authorized: only the
 * worker calls it, and its audit event `blob.gc.run` names the system as the actor.
 */
export async function collectBlobGarbageOnSchedule({ ctx }: { ctx: ServiceContext }): Promise<BlobGcReport> {
  return runBlobGc({ ...ctx, principal: { type: "anonymous" } }, false);
}
