import { Readable } from "node:stream";
import { ServiceMetrics, ServiceMetricsPoint, ServiceMetricsQuery, single } from "@infera/contracts";
import { encodeCsv, getServiceMetrics } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.read", {
  method: "get",
  path: "/services/{serviceId}/metrics",
  tags: ["Services"],
  summary: "A service's serving metrics over a window, one series per revision",
  description:
    "Per revision (its replicas added up) and bucket: requests, QPS, errors and success rate, latency p50/p95/p99, time to first token, time per output token, prompt and generated tokens a second, in-flight requests, cold starts and their start time, CPU %, memory and GPU memory. `window` 1h (1-minute buckets), 6h (5 min), 24h (15 min) or 7d (1 h); `revision` (one id or several, comma-separated) and `replica` narrow it. `format=csv` or `Accept: text/csv` answers a CSV of the points, one row per revision and bucket. Read from the minute rows the `services.metrics` scrape writes (kept 7 days).",
  request: { params: serviceParams, query: ServiceMetricsQuery },
  responses: {
    200: {
      description: "The series",
      content: { "application/json": { schema: single(ServiceMetrics) }, "text/csv": { schema: z.string() } },
    },
  },
});

const COLUMNS = ["revision_id", "revision_number", ...Object.keys(ServiceMetricsPoint.shape)];

export function registerGetServiceMetrics(app: Api) {
  app.openapi(route, async (c) => {
    const { serviceId } = c.req.valid("param");
    const query = c.req.valid("query");
    const metrics = await getServiceMetrics({ ctx: c.get("ctx"), serviceId, query });
    const csv =
      query.format === "csv" ||
      (query.format === undefined &&
        (c.req.header("accept") ?? "").split(",")[0]?.trim().startsWith("text/csv"));
    if (!csv) return c.json({ data: metrics }, 200);
    const rows = metrics.series.flatMap((s) =>
      s.points.map((p) => ({ revision_id: s.revision_id, revision_number: s.revision_number, ...p })),
    );
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="${serviceId}-metrics-${query.window}.csv"`);
    return c.body(Readable.toWeb(encodeCsv(rows, COLUMNS)) as unknown as ReadableStream, 200);
  });
}
