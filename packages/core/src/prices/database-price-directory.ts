import { type Database, eq, tables } from "@infera/db";
import type { PriceDirectory, TokenPrices } from "../ports/price-directory.js";

/** The `PriceDirectory` on the platform's database: one query per tenant table, one for the classes. */
export function databasePriceDirectory(db: Database): PriceDirectory {
  return {
    async tenantPrices(tenantId) {
      const t = tables.tenants;
      const [tenant] = await db.select({ currency: t.currency }).from(t).where(eq(t.id, tenantId));
      const p = tables.prices;
      const rows = await db.select().from(p).where(eq(p.tenantId, tenantId));
      const modelVersions = new Map<string, TokenPrices>();
      const resourceClasses = new Map<string, number>();
      for (const r of rows) {
        if (r.subjectKind === "model_version")
          modelVersions.set(r.subjectId, {
            inputPerMillion: r.inputPerMillion,
            outputPerMillion: r.outputPerMillion,
          });
        else if (r.perHour !== null) resourceClasses.set(r.subjectId, r.perHour);
      }
      return { currency: tenant?.currency ?? "USD", modelVersions, resourceClasses };
    },
    async resourceClassPrices() {
      const c = tables.resourceClasses;
      const rows = await db
        .select({ name: c.name, hourlyPrice: c.hourlyPrice, currency: c.currency })
        .from(c);
      return new Map(rows.map((r) => [r.name, { perHour: Number(r.hourlyPrice), currency: r.currency }]));
    },
  };
}
