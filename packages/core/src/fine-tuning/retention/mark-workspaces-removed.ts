import { and, eq, inArray, isNull, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";

/**
 * Records that these jobs' workspaces are gone: their log lines go too (the bulk of a job's log),
 * and so do their checkpoints' copies in the blob store (the rows go; blob garbage collection then
 * removes the files nothing else references); state changes, metrics, checkpoint and artifact
 * events stay, so the curves and the timeline outlive the files. Called after the folders were removed: a sweep cut off in between removes them again.
 */
export async function markWorkspacesRemoved(ctx: ServiceContext, jobIds: readonly string[]): Promise<void> {
  if (!jobIds.length) return;
  await withTransaction(ctx, async (tx) => {
    const e = tables.fineTuneJobEvents;
    await tx.db.delete(e).where(and(inArray(e.jobId, [...jobIds]), eq(e.type, "log")));
    const c = tables.fineTuneCheckpoints;
    await tx.db.delete(c).where(inArray(c.jobId, [...jobIds]));
    const j = tables.fineTuneJobs;
    await tx.db
      .update(j)
      .set({ workspaceRemovedAt: tx.now() })
      .where(and(inArray(j.id, [...jobIds]), isNull(j.workspaceRemovedAt)));
  });
}
