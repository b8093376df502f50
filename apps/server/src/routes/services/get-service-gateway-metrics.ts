import { ServiceGatewayMetrics, ServiceGatewayMetricsQuery, single } from "@infera/contracts";
import { getServiceGatewayMetrics } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.read", {
  method: "get",
  path: "/services/{serviceId}/gateway-metrics",
  tags: ["Services"],
  summary: "What the gateway measured of a service over a window, one series per revision",
  description:
    "Per revision and bucket, from the gateway's usage rollups (every `/v1` and playground call): requests and requests a minute, 4xx and 5xx answers and their shares, end-to-end latency p50/p95 (from the summed latency histograms), prompt and completion tokens and tokens a minute. `window` 1h (1-minute buckets), 6h (5 min), 24h (15 min) or 7d (1 h), the buckets of `/services/{serviceId}/metrics`; `revision` (one id or several, comma-separated) narrows it. A revision without calls in the window has no series.",
  request: { params: serviceParams, query: ServiceGatewayMetricsQuery },
  responses: {
    200: {
      description: "The series",
      content: { "application/json": { schema: single(ServiceGatewayMetrics) } },
    },
  },
});

export function registerGetServiceGatewayMetrics(app: Api) {
  app.openapi(route, async (c) => {
    const { serviceId } = c.req.valid("param");
    const query = c.req.valid("query");
    const metrics = await getServiceGatewayMetrics({ ctx: c.get("ctx"), serviceId, query });
    return c.json({ data: metrics }, 200);
  });
}
