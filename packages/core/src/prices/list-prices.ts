import type { ListQuery, Price, PriceListQuery } from "@infera/contracts";
import { and, eq, type SQL, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { type PriceRow, priceSubjectLabels, tenantCurrency, toPrice } from "./to-price.js";

/** The tenant's price table, most recently changed first; `subject_kind` narrows it. */
export async function listPrices({
  ctx,
  tenantId,
  query,
}: {
  ctx: ServiceContext;
  tenantId: string;
  query: ListQuery & PriceListQuery;
}): Promise<Page<Price>> {
  await authorize(ctx, "price.list", { tenantId });
  const p = tables.prices;
  const where: (SQL | undefined)[] = [eq(p.tenantId, tenantId)];
  if (query.subject_kind) where.push(eq(p.subjectKind, query.subject_kind));
  const ks = keyset(query, {
    key: p.updatedAt,
    id: p.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (r: PriceRow) => [r.updatedAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(p)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  const labels = await priceSubjectLabels(ctx, rows);
  const currency = await tenantCurrency(ctx, tenantId);
  return ks.page(rows, (r) => toPrice(r, labels, currency));
}
