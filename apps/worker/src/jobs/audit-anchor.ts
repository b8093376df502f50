import { anchorAuditChains } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/**
 * `housekeeping.audit_anchor`: signs the head of every audit chain that moved into this machine's
 * anchor file. A chain that no longer extends its anchor is refused and logged by the verb; the run
 * still succeeds (retrying would refuse it again).
 */
export const auditAnchor: JobHandler = async ({ ctx, log }) => {
  const r = await anchorAuditChains({ ctx });
  if (r.anchored) log.info({ anchored: r.anchored }, "audit chains anchored");
};
