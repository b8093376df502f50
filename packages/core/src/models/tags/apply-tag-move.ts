import { and, eq, tables } from "@infera/db";
import { actorOf } from "../../audit/record-audit.js";
import { newId } from "../../shared/ids.js";
import type { TxContext } from "../../shared/transaction.js";

/**
 * Moves (or deletes, with `to: null`) one tag and appends its history entry. The caller holds the
 * model row lock, so concurrent moves of a model's tags run one after the other and every entry's
 * `from` is the previous entry's `to`.
 */
export async function applyTagMove(
  tx: TxContext,
  move: {
    modelId: string;
    tag: string;
    to: string | null;
    action: "set" | "rollback" | "delete";
    reason: string;
    forced: boolean;
    /** The passing gate evaluation run that allowed the move, when one did. */
    evidenceEvaluationRunId?: string | null;
  },
): Promise<{ from: string | null; historyId: string | null; changed: boolean }> {
  const t = tables.modelTags;
  const [current] = await tx.db
    .select()
    .from(t)
    .where(and(eq(t.modelId, move.modelId), eq(t.tag, move.tag)))
    .for("update");
  const from = current?.versionId ?? null;
  if (from === move.to) return { from, historyId: null, changed: false };
  const actor = actorOf(tx);
  const now = tx.now();
  if (move.to === null) await tx.db.delete(t).where(and(eq(t.modelId, move.modelId), eq(t.tag, move.tag)));
  else
    await tx.db
      .insert(t)
      .values({
        modelId: move.modelId,
        tag: move.tag,
        versionId: move.to,
        updatedBy: actor.actorId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [t.modelId, t.tag],
        set: { versionId: move.to, updatedBy: actor.actorId, updatedAt: now },
      });
  const historyId = newId("modelTagHistory");
  await tx.db.insert(tables.modelTagHistory).values({
    id: historyId,
    modelId: move.modelId,
    tag: move.tag,
    action: move.action,
    fromVersionId: from,
    toVersionId: move.to,
    reason: move.reason,
    forced: move.forced,
    evidenceEvaluationRunId: move.evidenceEvaluationRunId ?? null,
    actorType: actor.actorType,
    actorId: actor.actorId,
    actorLabel: actor.actorLabel,
    createdAt: now,
  });
  return { from, historyId, changed: true };
}
