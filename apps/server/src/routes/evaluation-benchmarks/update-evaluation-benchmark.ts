import { EvaluationBenchmark, single, UpdateEvaluationBenchmarkInput } from "@infera/contracts";
import { updateEvaluationBenchmark } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { benchmarkParams } from "./params.js";

const route = defineRoute("evaluation.benchmark.update", {
  method: "patch",
  path: "/evaluation-benchmarks/{benchmarkId}",
  tags: ["Evaluation"],
  summary: "Change an evaluation benchmark",
  description:
    "Omitted fields stay as they are; `null` clears a nullable one (`dataset_version_id: null` goes back to the latest version). A new `dataset_id` without a version unpins. The result is checked whole, as on create. Runs already made from the benchmark keep their configuration.",
  request: { params: benchmarkParams, body: jsonBody(UpdateEvaluationBenchmarkInput) },
  responses: { 200: jsonResponse(single(EvaluationBenchmark), "The benchmark after the change") },
});

export function registerUpdateEvaluationBenchmark(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateEvaluationBenchmark({
          ctx: c.get("ctx"),
          benchmarkId: c.req.valid("param").benchmarkId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
