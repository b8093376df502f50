import { Readable } from "node:stream";
import { single, UsageFigures, UsageQuery, UsageReport } from "@infera/contracts";
import { encodeCsv, getUsageReport } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("usage.read", {
  method: "get",
  path: "/projects/{projectId}/usage",
  tags: ["Usage"],
  summary: "The project's usage and estimated cost over a range, grouped and bucketed",
  description:
    "From the per-minute rollups of the gateway's calls (raw records may have been pruned). `from` (inclusive, default 24 hours before `to`) and `to` (exclusive, default now), at most 90 days apart; `group_by` service, revision, api_key, model_version or status_code; `granularity` hour or day (UTC); filters `service_id`, `revision_id`, `api_key_id`, `model_version_id` (each must name something of the project: another project's id answers 404) and `status_class` (2xx, 4xx, 5xx). Answers totals, one row per group with a readable label, a series per bucket and group, and requests per bucket and status code. Latency p95 is estimated from the rollups' histograms. Costs are estimates in the tenant's currency, from its price table when the call was made. `format=csv` or `Accept: text/csv` answers a CSV of the series: one row per bucket and group.",
  request: { params: projectParams, query: UsageQuery },
  responses: {
    200: {
      description: "The report",
      content: { "application/json": { schema: single(UsageReport) }, "text/csv": { schema: z.string() } },
    },
  },
});

const COLUMNS = ["time", "group", "label", ...Object.keys(UsageFigures.shape), "currency"];

export function registerGetUsage(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const { format, ...query } = c.req.valid("query");
    const report = await getUsageReport({ ctx: c.get("ctx"), projectId, query });
    const csv =
      format === "csv" ||
      (format === undefined && (c.req.header("accept") ?? "").split(",")[0]?.trim().startsWith("text/csv"));
    if (!csv) return c.json({ data: report }, 200);
    const labels = new Map(report.groups.map((g) => [g.group, g.label]));
    const rows = report.series.map((p) => ({
      ...p,
      label: labels.get(p.group) ?? "",
      currency: report.currency,
    }));
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header(
      "Content-Disposition",
      `attachment; filename="${projectId}-usage-${report.group_by}-${report.granularity}.csv"`,
    );
    return c.body(Readable.toWeb(encodeCsv(rows, COLUMNS)) as unknown as ReadableStream, 200);
  });
}
