import { FineTuneJobMetrics, FineTuneJobMetricsQuery, single } from "@infera/contracts";
import { getFineTuneJobMetrics } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.read", {
  method: "get",
  path: "/fine-tuning/jobs/{jobId}/metrics",
  tags: ["Fine-tuning"],
  summary: "A job's metric curves by name and step range, downsampled to at most max_points a series",
  description:
    "Read from the job's `metrics` events: `?name=loss,eval_loss` (a protocol field such as `loss`, `eval_loss`, `learning_rate`, `grad_norm`, `tokens_per_second`, or a runtime's `extra` metric; default every one reported), `?from_step=`/`?to_step=` (inclusive), `?max_points=` (default 1000, at most 10000). A series longer than `max_points` is cut into `max_points / 4` buckets by step, each keeping its first, last, lowest and highest point (so spikes survive), and `downsampled` is true. A name the job never reported answers an empty series.",
  request: { params: jobParams, query: FineTuneJobMetricsQuery },
  responses: { 200: jsonResponse(single(FineTuneJobMetrics), "The series") },
});

export function registerGetFineTuneJobMetrics(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await getFineTuneJobMetrics({
          ctx: c.get("ctx"),
          jobId: c.req.valid("param").jobId,
          query: c.req.valid("query"),
        }),
      },
      200,
    ),
  );
}
