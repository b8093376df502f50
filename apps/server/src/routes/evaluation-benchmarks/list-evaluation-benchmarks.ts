import { EvaluationBenchmark, EvaluationBenchmarkListQuery, listOf } from "@infera/contracts";
import { listEvaluationBenchmarks } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("evaluation.benchmark.list", {
  method: "get",
  path: "/projects/{projectId}/evaluation-benchmarks",
  tags: ["Evaluation"],
  summary: "List the project's evaluation benchmarks (standard evaluation sets)",
  description:
    "Newest first (`sort`: `created_at`, `updated_at` or `name`, with `-` for descending); `q` finds a part of the name or description, or an id; `dataset_id` those reading one dataset.",
  request: { params: projectParams, query: EvaluationBenchmarkListQuery },
  responses: { 200: listResponse(listOf(EvaluationBenchmark), "Benchmarks") },
});

export function registerListEvaluationBenchmarks(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listEvaluationBenchmarks({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "evaluation-benchmarks",
    );
  });
}
