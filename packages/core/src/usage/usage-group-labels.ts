import type { UsageGroupBy } from "@infera/contracts";
import { and, eq, inArray, tables } from "@infera/db";
import { modelVersionLabels } from "../prices/model-version-labels.js";
import type { ServiceContext } from "../shared/context.js";

/** The label of a group without an id: a call made without a key (the playground), or before routing. */
export const NO_GROUP_LABEL = "(none)";

/**
 * Readable names of a report's groups, read from the project's own rows only (a service or key that
 * has since been deleted keeps its id as its label): the service's name, "name · r3", the key's name,
 * "model v2", the status code.
 */
export async function usageGroupLabels(
  ctx: Pick<ServiceContext, "db">,
  projectId: string,
  groupBy: UsageGroupBy,
  groups: readonly (string | null)[],
): Promise<Map<string | null, string>> {
  const ids = groups.filter((g): g is string => g !== null);
  const labels = new Map<string | null, string>([[null, NO_GROUP_LABEL]]);
  for (const id of ids) labels.set(id, id);
  if (!ids.length) return labels;
  if (groupBy === "service") {
    const s = tables.services;
    const rows = await ctx.db
      .select({ id: s.id, name: s.name })
      .from(s)
      .where(and(eq(s.projectId, projectId), inArray(s.id, ids)));
    for (const r of rows) labels.set(r.id, r.name);
  } else if (groupBy === "revision") {
    const s = tables.services;
    const r = tables.serviceRevisions;
    const rows = await ctx.db
      .select({ id: r.id, name: s.name, number: r.number })
      .from(r)
      .innerJoin(s, eq(s.id, r.serviceId))
      .where(and(eq(s.projectId, projectId), inArray(r.id, ids)));
    for (const x of rows) labels.set(x.id, `${x.name} · r${x.number}`);
  } else if (groupBy === "api_key") {
    const k = tables.apiKeys;
    const rows = await ctx.db
      .select({ id: k.id, name: k.name })
      .from(k)
      .where(and(eq(k.projectId, projectId), inArray(k.id, ids)));
    for (const r of rows) labels.set(r.id, r.name);
  } else if (groupBy === "model_version") {
    for (const [id, label] of await modelVersionLabels(ctx, ids)) labels.set(id, label);
  }
  return labels;
}
