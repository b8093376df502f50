import { and, eq, inArray, tables } from "@infera/db";
import type { TxContext } from "../../shared/transaction.js";

const KEPT_DEFAULT = 2;

/**
 * Keeps a job's newest `settings.storedCheckpointsKept` stored checkpoints (by step) and deletes the
 * older rows, with their manifests by cascade. Deleting is by reference only: the files stop being
 * blob references and tenant holdings, and blob garbage collection removes the bytes no one else
 * names (a file shared with a kept checkpoint, such as a LoRA run's frozen part, stays). An
 * `uploading` row older than the oldest kept checkpoint is a copy a killed worker left: it would
 * never be resumed from, so it goes too. Answers the names deleted.
 */
export async function pruneStoredCheckpoints(tx: TxContext, jobId: string): Promise<string[]> {
  const kept = Math.max(1, tx.settings.storedCheckpointsKept ?? KEPT_DEFAULT);
  const c = tables.fineTuneCheckpoints;
  const rows = await tx.db
    .select({ name: c.name, step: c.step, state: c.state })
    .from(c)
    .where(eq(c.jobId, jobId));
  const stored = rows
    .filter((r) => r.state === "stored")
    .sort((a, b) => b.step - a.step || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  if (stored.length < kept) return [];
  const oldestKept = stored[kept - 1]!.step;
  const gone = [
    ...stored.slice(kept).map((r) => r.name),
    ...rows.filter((r) => r.state === "uploading" && r.step < oldestKept).map((r) => r.name),
  ];
  if (gone.length) await tx.db.delete(c).where(and(eq(c.jobId, jobId), inArray(c.name, gone)));
  return gone;
}
