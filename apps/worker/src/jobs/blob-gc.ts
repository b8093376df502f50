import { collectBlobGarbageOnSchedule } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** `housekeeping.blob_gc`: the admin's blob garbage collection, on a schedule (audited as the system). */
export const blobGc: JobHandler = async ({ ctx, log }) => {
  const r = await collectBlobGarbageOnSchedule({ ctx });
  log.info(
    {
      scanned: r.scanned.objects,
      deleted: r.deleted?.objects ?? 0,
      deletedBytes: r.deleted?.bytes ?? 0,
      temporary: r.temporary.objects,
      releasedHoldings: r.released_holdings,
    },
    "blob garbage collected",
  );
};
