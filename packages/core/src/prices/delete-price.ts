import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { notifyPricesChanged } from "./price-changes.js";
import { priceSubjectLabels, tenantCurrency, toPrice } from "./to-price.js";

/** Removes a price; its subject's calls are then estimated by the fallback (or not at all). Another tenant's price is not_found. */
export async function deletePrice({ ctx, priceId }: { ctx: ServiceContext; priceId: string }): Promise<void> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  const p = tables.prices;
  const [found] = await ctx.db.select({ tenantId: p.tenantId }).from(p).where(eq(p.id, priceId));
  if (!found) throw notFound("price");
  try {
    await authorize(ctx, "price.delete", { tenantId: found.tenantId });
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("price");
    throw err;
  }
  await withTransaction(ctx, async (tx) => {
    const [row] = await tx.db.delete(p).where(eq(p.id, priceId)).returning();
    if (!row) throw notFound("price");
    const labels = await priceSubjectLabels(tx, [row]);
    await recordAudit(tx, {
      action: "price.delete",
      resourceType: "price",
      resourceId: row.id,
      tenantId: row.tenantId,
      before: toPrice(row, labels, await tenantCurrency(tx, row.tenantId)),
    });
    await notifyPricesChanged(tx, row.tenantId);
  });
}
