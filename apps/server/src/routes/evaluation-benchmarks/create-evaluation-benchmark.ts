import { CreateEvaluationBenchmarkInput, EvaluationBenchmark, single } from "@infera/contracts";
import { createEvaluationBenchmark } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("evaluation.benchmark.create", {
  method: "post",
  path: "/projects/{projectId}/evaluation-benchmarks",
  tags: ["Evaluation"],
  summary: "Register a dataset of the project as an evaluation benchmark",
  description:
    "A benchmark names a dataset of this project (its latest version when a run is created, or a pinned `dataset_version_id` of it), how its records are read (`prompt_field`, `reference_field`, `slice_field`, as on a run) and a run's defaults (`metrics`, `sample_limit`, `generation`). The dataset and version answer 404 unless they are of this project; fields the records do not give and metrics a run would refuse (a regex that does not compile, a judge without a service of this project) answer 422 naming the field; a name the project already has (ignoring case) answers 409. A pinned version cannot be deleted while the benchmark pins it.",
  request: { params: projectParams, body: jsonBody(CreateEvaluationBenchmarkInput) },
  responses: { 201: jsonResponse(single(EvaluationBenchmark), "The benchmark") },
});

export function registerCreateEvaluationBenchmark(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createEvaluationBenchmark({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
