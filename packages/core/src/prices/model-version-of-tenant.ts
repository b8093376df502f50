import { and, eq, or, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";

/**
 * Whether the tenant may name this model version: one of its own models' (any project of it), or a
 * public system model's. Another tenant's version is as unknown as a missing one.
 */
export async function isModelVersionOfTenant(
  ctx: Pick<ServiceContext, "db">,
  tenantId: string,
  versionId: string,
): Promise<boolean> {
  const v = tables.modelVersions;
  const m = tables.models;
  const [row] = await ctx.db
    .select({ id: v.id })
    .from(v)
    .innerJoin(m, eq(m.id, v.modelId))
    .where(
      and(
        eq(v.id, versionId),
        or(eq(m.tenantId, tenantId), and(eq(m.ownerType, "platform"), eq(m.visibility, "public"))),
      ),
    );
  return row !== undefined;
}
