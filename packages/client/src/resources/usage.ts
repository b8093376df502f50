import { single, type UsageQuery, UsageReport } from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
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
  };
}
