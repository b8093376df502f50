import type { Price, SetPriceInput } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import { actorIdOf } from "../fine-tuning/job-access.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid, notFound } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { isModelVersionOfTenant } from "./model-version-of-tenant.js";
import { notifyPricesChanged } from "./price-changes.js";
import { priceSubjectLabels, tenantCurrency, toPrice } from "./to-price.js";

/**
 * Sets the price of one subject of the tenant's price table (insert or replace, by subject): a model
 * version per million prompt / completion tokens, a resource class per hour. The model version must
 * be the tenant's own or a public system model's; the resource class must exist. Every gateway
 * process hears of it at commit (`price_changes`); calls already journaled keep their estimate.
 */
export async function setPrice({
  ctx,
  tenantId,
  input,
}: {
  ctx: ServiceContext;
  tenantId: string;
  input: SetPriceInput;
}): Promise<Price> {
  await authorize(ctx, "price.set", { tenantId });
  if (input.subject_kind === "model_version" && input.per_hour != null)
    throw invalid("a model version is priced per million tokens, not per_hour", { field: "per_hour" });
  if (
    input.subject_kind === "resource_class" &&
    (input.input_per_million != null || input.output_per_million != null)
  )
    throw invalid("a resource class is priced per_hour only", { field: "input_per_million" });
  if (input.subject_kind === "model_version") {
    if (!(await isModelVersionOfTenant(ctx, tenantId, input.subject_id))) throw notFound("model version");
  } else {
    const c = tables.resourceClasses;
    const [found] = await ctx.db.select({ name: c.name }).from(c).where(eq(c.name, input.subject_id));
    if (!found) throw notFound("resource class");
  }
  const now = ctx.now();
  const amounts = {
    inputPerMillion: input.input_per_million ?? null,
    outputPerMillion: input.output_per_million ?? null,
    perHour: input.per_hour ?? null,
  };
  return withTransaction(ctx, async (tx) => {
    const p = tables.prices;
    const [row] = await tx.db
      .insert(p)
      .values({
        id: newId("price"),
        tenantId,
        subjectKind: input.subject_kind,
        subjectId: input.subject_id,
        ...amounts,
        updatedBy: actorIdOf(tx),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    const labels = await priceSubjectLabels(tx, [
      { subjectKind: input.subject_kind, subjectId: input.subject_id },
    ]);
    const currency = await tenantCurrency(tx, tenantId);
    let before: Price | null = null;
    let after: Price;
    if (row) after = toPrice(row, labels, currency);
    else {
      // The subject had a price: replace it under the row's lock, so the audit's before is exact.
      const [old] = await tx.db
        .select()
        .from(p)
        .where(
          and(
            eq(p.tenantId, tenantId),
            eq(p.subjectKind, input.subject_kind),
            eq(p.subjectId, input.subject_id),
          ),
        )
        .for("update");
      if (!old) throw notFound("price");
      before = toPrice(old, labels, currency);
      const [updated] = await tx.db
        .update(p)
        .set({ ...amounts, updatedBy: actorIdOf(tx), updatedAt: now })
        .where(eq(p.id, old.id))
        .returning();
      after = toPrice(updated!, labels, currency);
    }
    await recordAudit(tx, {
      action: "price.set",
      resourceType: "price",
      resourceId: after.id,
      tenantId,
      ...(before ? { before } : {}),
      after,
    });
    await notifyPricesChanged(tx, tenantId);
    return after;
  });
}
