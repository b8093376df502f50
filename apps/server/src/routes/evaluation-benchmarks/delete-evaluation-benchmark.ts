import { deleteEvaluationBenchmark } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { benchmarkParams } from "./params.js";

const route = defineRoute("evaluation.benchmark.delete", {
  method: "delete",
  path: "/evaluation-benchmarks/{benchmarkId}",
  tags: ["Evaluation"],
  summary: "Delete an evaluation benchmark (runs made from it keep their data and its id)",
  request: { params: benchmarkParams },
  responses: noContent,
});

export function registerDeleteEvaluationBenchmark(app: Api) {
  app.openapi(route, async (c) => {
    await deleteEvaluationBenchmark({ ctx: c.get("ctx"), benchmarkId: c.req.valid("param").benchmarkId });
    return c.body(null, 204);
  });
}
