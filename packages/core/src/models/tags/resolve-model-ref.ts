import type { ResolvedModelRef } from "@infera/contracts";
import { and, type Executor, eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { invalid, notFound } from "../../shared/errors.js";
import { authorizeModel } from "../model-access.js";

/** A tag or a version id of the model → the version id (what callers store, never the tag). */
export async function resolveRefIn(exec: Executor, modelId: string, ref: string): Promise<ResolvedModelRef> {
  if (!ref) throw invalid("ref is required: a tag or a version id");
  if (ref.startsWith("mv_")) {
    const [v] = await exec
      .select({ id: tables.modelVersions.id })
      .from(tables.modelVersions)
      .where(and(eq(tables.modelVersions.id, ref), eq(tables.modelVersions.modelId, modelId)));
    if (!v) throw notFound(`version ${ref} of this model`);
    return { model_id: modelId, ref, version_id: v.id, tag: null };
  }
  const [t] = await exec
    .select({ versionId: tables.modelTags.versionId })
    .from(tables.modelTags)
    .where(and(eq(tables.modelTags.modelId, modelId), eq(tables.modelTags.tag, ref)));
  if (!t) throw notFound(`tag "${ref.slice(0, 100)}" of this model`);
  return { model_id: modelId, ref, version_id: t.versionId, tag: ref };
}

export async function resolveModelRef({
  ctx,
  modelId,
  ref,
}: {
  ctx: ServiceContext;
  modelId: string;
  ref: string;
}): Promise<ResolvedModelRef> {
  await authorizeModel(ctx, "model.resolve", modelId);
  return resolveRefIn(ctx.db, modelId, ref);
}
