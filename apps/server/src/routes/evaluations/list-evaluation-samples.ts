import { EvaluationSample, EvaluationSampleQuery, listOf } from "@infera/contracts";
import { listEvaluationSamples } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { runParams } from "./params.js";

const route = defineRoute("evaluation.read", {
  method: "get",
  path: "/evaluations/{runId}/samples",
  tags: ["Evaluation"],
  summary: "A run's samples, worst first",
  description:
    "`order=worst` (default) sorts by `metric` (default the run's first metric), lowest score first — highest first for lower-is-better metrics (latency, tokens) — samples without that score last; `order=index` is dataset order. Filter by `target` (a, b), `slice`, `failed` (`true`: score 0 or a generation error) and `gate_rule_id` (a pass-rate rule's regression prompts; `failed` then means a failed check, and `worst` puts failed prompts first). Finance sees `input`, `reference`, `output` masked.",
  request: { params: runParams, query: EvaluationSampleQuery },
  responses: { 200: listResponse(listOf(EvaluationSample), "Samples") },
});

export function registerListEvaluationSamples(app: Api) {
  app.openapi(route, async (c) => {
    const { runId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      async (cursor, limit) => {
        const { masked: _masked, ...page } = await listEvaluationSamples({
          ctx: c.get("ctx"),
          runId,
          query: { ...query, cursor, limit },
        });
        return page;
      },
      `${runId}-samples`,
    );
  });
}
