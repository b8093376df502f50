import { inArray, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";

/**
 * What a person reads for model versions: the model's name and the version's place in its line
 * ("qwen-7b v3", counted by creation order). Versions that no longer exist are left out; the caller
 * falls back to the id.
 */
export async function modelVersionLabels(
  ctx: Pick<ServiceContext, "db">,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const v = tables.modelVersions;
  const m = tables.models;
  const rows = await ctx.db
    .select({
      id: v.id,
      name: m.name,
      number: sql<number>`(select count(*) from model_versions o where o.model_id = ${v.modelId}
        and (o.created_at, o.id) <= (${v.createdAt}, ${v.id}))::int`,
    })
    .from(v)
    .innerJoin(m, sql`${m.id} = ${v.modelId}`)
    .where(inArray(v.id, [...ids]));
  return new Map(rows.map((r) => [r.id, `${r.name} v${Number(r.number)}`]));
}
