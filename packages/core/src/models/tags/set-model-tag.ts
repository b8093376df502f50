import type { SetModelTagInput, TagMoveResult } from "@infera/contracts";
import { TagName } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, invalid } from "../../shared/errors.js";
import { moveTag } from "./move-tag.js";
import { resolveRefIn } from "./resolve-model-ref.js";

/** A path naming a tag that cannot exist answers not_found (as ids of the wrong format do), saying why. */
export function checkTagName(tag: string): void {
  const parsed = TagName.safeParse(tag);
  if (!parsed.success)
    throw new DomainError(
      "not_found",
      `no such tag: a tag name ${parsed.error.issues[0]?.message ?? "is not valid"}`,
      {
        tag: tag.slice(0, 100),
      },
    );
}

/** PUT a tag: to a version id or a ref (resolved and stored as the version id). */
export async function setModelTag({
  ctx,
  modelId,
  tag,
  input,
}: {
  ctx: ServiceContext;
  modelId: string;
  tag: string;
  input: SetModelTagInput;
}): Promise<TagMoveResult> {
  checkTagName(tag);
  return moveTag({
    ctx,
    modelId,
    tag,
    action: "model.tag.update",
    target: async (tx) => {
      const ref = input.version_id ?? input.ref!;
      if (input.version_id && !input.version_id.startsWith("mv_"))
        throw invalid("version_id must be a version id (mv_…); use ref for a tag");
      return (await resolveRefIn(tx, modelId, ref)).version_id;
    },
    force: input.force,
    reason: input.reason,
    dryRun: input.dry_run,
    evaluationRunId: input.evaluation_run_id,
  });
}
