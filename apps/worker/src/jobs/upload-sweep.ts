import { sweepExpiredUploads } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** `housekeeping.upload_sweep`: expired uploads lose their partial files. */
export const uploadSweep: JobHandler = async ({ ctx, log }) => {
  const expired = await sweepExpiredUploads({ ctx });
  if (expired) log.info({ expired }, "expired uploads swept");
};
