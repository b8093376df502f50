import { Price, type PriceListQuery, type SetPriceInput, single } from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export function pricesApi(t: Transport) {
  return {
    /** `list(tenantId, {subject_kind})`, `iterate`, `exportCsv`: the tenant's price table, most recently changed first. */
    ...scopedListing<typeof Price, z.input<typeof PriceListQuery>>(
      t,
      (tenantId) => `/tenants/${seg(tenantId)}/prices`,
      Price,
    ),
    /** Sets (inserts or replaces) the price of a model version or a resource class; tenant admins only. */
    async set(tenantId: string, input: z.input<typeof SetPriceInput>): Promise<Price> {
      return (await t.json("PUT", `/tenants/${seg(tenantId)}/prices`, single(Price), { body: input })).data;
    },
    async delete(priceId: string): Promise<void> {
      await t.empty("DELETE", `/prices/${seg(priceId)}`);
    },
  };
}
