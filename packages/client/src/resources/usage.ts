import { listOf, Price, type SetPriceInput, single, type UsageQuery, UsageReport } from "@infera/contracts";
import type { z } from "zod";
import { queryString, type Transport } from "../http.js";
import type { Page } from "../pagination.js";
import { seg } from "../pagination.js";

/** The usage and cost report of a project (seed 000 §4.3.9): the usage page, a key's Usage tab. */
export function usageApi(t: Transport) {
  return {
    /** Totals, groups and series over a time range; filter with `api_key_id`, `service_id`, … */
    async getUsage(
      projectId: string,
      query: Omit<z.input<typeof UsageQuery>, "format"> = {},
    ): Promise<UsageReport> {
      return (await t.json("GET", `/projects/${seg(projectId)}/usage`, single(UsageReport), { query })).data;
    },
    /** The URL of the report's grouped table per bucket as CSV (`format=csv`), for a download link. */
    csvUrl(projectId: string, query: Omit<z.input<typeof UsageQuery>, "format"> = {}): string {
      return `${t.baseUrl}/api/v1/projects/${seg(projectId)}/usage${queryString({ ...query, format: "csv" })}`;
    },
    /** The tenant's price table (what estimates are made from), most recently changed first. */
    async listPrices(
      tenantId: string,
      query: { cursor?: string; limit?: number } = {},
    ): Promise<Page<Price>> {
      return t.json("GET", `/tenants/${seg(tenantId)}/prices`, listOf(Price), { query });
    },
    /** Insert or replace the price of a model version (per million tokens) or a resource class (per hour). */
    async setPrice(tenantId: string, input: z.input<typeof SetPriceInput>): Promise<Price> {
      return (await t.json("PUT", `/tenants/${seg(tenantId)}/prices`, single(Price), { body: input })).data;
    },
    async deletePrice(priceId: string): Promise<void> {
      await t.empty("DELETE", `/prices/${seg(priceId)}`);
    },
  };
}
