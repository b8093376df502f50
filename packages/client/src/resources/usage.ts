import { single, type UsageQuery, UsageReport } from "@infera/contracts";
import type { z } from "zod";
import { queryString, type Transport } from "../http.js";
import { seg } from "../pagination.js";

type ReportQuery = Omit<z.input<typeof UsageQuery>, "format">;

export function usageApi(t: Transport) {
  const path = (projectId: string) => `/projects/${seg(projectId)}/usage`;
  return {
    /**
     * A project's usage and estimated cost over `from`–`to` (default the last 24 hours, at most 90
     * days): totals, groups (`group_by`), a series per `granularity` bucket and status codes.
     */
    async report(projectId: string, query: ReportQuery = {}): Promise<UsageReport> {
      return (await t.json("GET", path(projectId), single(UsageReport), { query })).data;
    },
    /** The same series as CSV: one row per bucket and group. */
    async reportCsv(projectId: string, query: ReportQuery = {}): Promise<string> {
      return t.text("GET", path(projectId), { query: { ...query, format: "csv" }, accept: "text/csv" });
    },
    /** The URL of the same CSV, for a download link (the session cookie authenticates it). */
    csvUrl(projectId: string, query: ReportQuery = {}): string {
      return `${t.baseUrl}/api/v1${path(projectId)}${queryString({ ...query, format: "csv" })}`;
    },
  };
}
