import type { RollbackModelTagInput, TagMoveResult } from "@infera/contracts";
import { and, desc, eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { invalid, notFound } from "../../shared/errors.js";
import { moveTag } from "./move-tag.js";
import { checkTagName } from "./set-model-tag.js";

/**
 * Moves a tag back: to where history entry `to_history_id` pointed it, or to where it pointed
 * `steps` moves ago. The version must still exist.
 */
export async function rollbackModelTag({
  ctx,
  modelId,
  tag,
  input,
}: {
  ctx: ServiceContext;
  modelId: string;
  tag: string;
  input: RollbackModelTagInput;
}): Promise<TagMoveResult> {
  checkTagName(tag);
  return moveTag({
    ctx,
    modelId,
    tag,
    action: "model.tag.rollback",
    target: async (tx) => {
      const h = tables.modelTagHistory;
      let to: string | null;
      if (input.to_history_id) {
        const [entry] = await tx
          .select()
          .from(h)
          .where(and(eq(h.id, input.to_history_id), eq(h.modelId, modelId), eq(h.tag, tag)));
        if (!entry) throw notFound(`history entry ${input.to_history_id} of tag "${tag}"`);
        to = entry.toVersionId;
      } else {
        const entries = await tx
          .select()
          .from(h)
          .where(and(eq(h.modelId, modelId), eq(h.tag, tag)))
          .orderBy(desc(h.createdAt), desc(h.id))
          .limit(input.steps!);
        if (!entries.length) throw notFound(`tag "${tag}" (it never existed)`);
        if (entries.length < input.steps!)
          throw invalid(`tag "${tag}" has fewer than ${input.steps} moves to go back`);
        to = entries[input.steps! - 1]!.fromVersionId;
      }
      if (!to) throw invalid(`tag "${tag}" did not exist at that point; delete it instead`);
      const [v] = await tx
        .select({ id: tables.modelVersions.id })
        .from(tables.modelVersions)
        .where(eq(tables.modelVersions.id, to));
      if (!v) throw invalid(`version ${to} no longer exists`);
      return to;
    },
    force: input.force,
    reason: input.reason,
    dryRun: false,
  });
}
