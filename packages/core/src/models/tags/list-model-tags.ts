import type { ListQuery, ModelTag, ModelTagHistoryEntry } from "@infera/contracts";
import { and, asc, desc, eq, type SQL, sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";
import { decodeCursor, encodeCursor, iso, type Page, toPage } from "../../shared/pagination.js";
import { authorizeModel } from "../model-access.js";
import { PROTECTED_TAGS } from "./release-gates.js";

export async function listModelTags({
  ctx,
  modelId,
}: {
  ctx: ServiceContext;
  modelId: string;
}): Promise<ModelTag[]> {
  await authorizeModel(ctx.db, ctx, "model.tag.list", modelId);
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
  await authorizeModel(ctx.db, ctx, "model.tag.history", modelId);
  const h = tables.modelTagHistory;
  const where: SQL[] = [eq(h.modelId, modelId), eq(h.tag, tag)];
  const cursor = decodeCursor(query.cursor);
  if (cursor)
    where.push(sql`(${h.createdAt}, ${h.id}) < (${String(cursor.value)}::timestamptz, ${cursor.id})`);
  const rows = await ctx.db
    .select()
    .from(h)
    .where(and(...where))
    .orderBy(desc(h.createdAt), desc(h.id))
    .limit(query.limit + 1);
  if (!rows.length && !cursor) throw notFound(`tag "${tag.slice(0, 100)}" (it never existed)`);
  return toPage(rows, query, toHistoryEntry, (r) => encodeCursor(r.createdAt.toISOString(), r.id));
}
