import { EvaluationBenchmark, single } from "@infera/contracts";
import { getEvaluationBenchmark } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { benchmarkParams } from "./params.js";

const route = defineRoute("evaluation.benchmark.read", {
  method: "get",
  path: "/evaluation-benchmarks/{benchmarkId}",
  tags: ["Evaluation"],
  summary: "Read an evaluation benchmark",
  request: { params: benchmarkParams },
  responses: { 200: jsonResponse(single(EvaluationBenchmark), "The benchmark") },
});

export function registerGetEvaluationBenchmark(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await getEvaluationBenchmark({
          ctx: c.get("ctx"),
          benchmarkId: c.req.valid("param").benchmarkId,
        }),
      },
      200,
    ),
  );
}
