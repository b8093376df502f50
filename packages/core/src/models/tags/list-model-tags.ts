import type { ListQuery, ModelTag, ModelTagHistoryEntry } from "@infera/contracts";
import { and, asc, eq, type SQL, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";
import { iso, keyset, type Page } from "../../shared/pagination.js";
import { authorizeModel } from "../model-access.js";
import { PROTECTED_TAGS } from "./release-gates.js";

export async function listModelTags({
  ctx,
  modelId,
}: {
  ctx: ServiceContext;
  modelId: string;
}): Promise<ModelTag[]> {
  await authorizeModel(ctx, "model.tag.list", modelId);
  const rows = await ctx.db
    .select()
    .from(tables.modelTags)
    .where(eq(tables.modelTags.modelId, modelId))
    .orderBy(asc(tables.modelTags.tag));
  return rows.map((r) => ({
    model_id: r.modelId,
    tag: r.tag,
    version_id: r.versionId,
    protected: PROTECTED_TAGS.has(r.tag),
    updated_by: r.updatedBy,
    updated_at: iso(r.updatedAt),
  }));
}

export function toHistoryEntry(r: typeof tables.modelTagHistory.$inferSelect): ModelTagHistoryEntry {
  return {
    id: r.id,
    model_id: r.modelId,
    tag: r.tag,
    action: r.action,
    from_version_id: r.fromVersionId,
    to_version_id: r.toVersionId,
    reason: r.reason,
    forced: r.forced,
    evidence_evaluation_run_id: r.evidenceEvaluationRunId,
    actor_type: r.actorType,
    actor_id: r.actorId,
    actor_label: r.actorLabel,
    created_at: iso(r.createdAt),
  };
}

/** Every move of one tag, newest first. */
export async function listTagHistory({
  ctx,
  modelId,
  tag,
  query,
}: {
  ctx: ServiceContext;
  modelId: string;
  tag: string;
  query: Pick<ListQuery, "limit" | "cursor">;
}): Promise<Page<ModelTagHistoryEntry>> {
  await authorizeModel(ctx, "model.tag.history", modelId);
  const h = tables.modelTagHistory;
  const where: SQL[] = [eq(h.modelId, modelId), eq(h.tag, tag)];
  const ks = keyset(query, {
    key: h.createdAt,
    id: h.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (r: typeof h.$inferSelect) => [r.createdAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(h)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  if (!rows.length && !query.cursor) throw notFound(`tag "${tag.slice(0, 100)}" (it never existed)`);
  return ks.page(rows, toHistoryEntry);
}
