import type { Price } from "@infera/contracts";
import { eq, inArray, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { modelVersionLabels } from "./model-version-labels.js";

export type PriceRow = typeof tables.prices.$inferSelect;

/** Readable names of the subjects of some prices: "model v3" for versions, the display name of a resource class. */
export async function priceSubjectLabels(
  ctx: Pick<ServiceContext, "db">,
  rows: readonly Pick<PriceRow, "subjectKind" | "subjectId">[],
): Promise<Map<string, string>> {
  const versions = rows.filter((r) => r.subjectKind === "model_version").map((r) => r.subjectId);
  const classes = rows.filter((r) => r.subjectKind === "resource_class").map((r) => r.subjectId);
  const labels = new Map<string, string>();
  for (const [id, label] of await modelVersionLabels(ctx, versions)) labels.set(`model_version:${id}`, label);
  if (classes.length) {
    const c = tables.resourceClasses;
    const found = await ctx.db
      .select({ name: c.name, displayName: c.displayName })
      .from(c)
      .where(inArray(c.name, classes));
    for (const r of found) labels.set(`resource_class:${r.name}`, r.displayName || r.name);
  }
  return labels;
}

export function toPrice(r: PriceRow, labels: ReadonlyMap<string, string>, currency: string): Price {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    subject_kind: r.subjectKind,
    subject_id: r.subjectId,
    subject_label: labels.get(`${r.subjectKind}:${r.subjectId}`) ?? r.subjectId,
    input_per_million: r.inputPerMillion,
    output_per_million: r.outputPerMillion,
    per_hour: r.perHour,
    currency,
    updated_at: r.updatedAt.toISOString(),
    updated_by: r.updatedBy,
  };
}

/** The tenant's currency: every price and estimate of the tenant is in it. */
export async function tenantCurrency(ctx: Pick<ServiceContext, "db">, tenantId: string): Promise<string> {
  const t = tables.tenants;
  const [row] = await ctx.db.select({ currency: t.currency }).from(t).where(eq(t.id, tenantId));
  return row?.currency ?? "USD";
}
