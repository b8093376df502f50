import { EvaluationListQuery, EvaluationRun, listOf } from "@infera/contracts";
import { listEvaluations } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("evaluation.list", {
  method: "get",
  path: "/projects/{projectId}/evaluations",
  tags: ["Evaluation"],
  summary: "A project's evaluation runs, newest first",
  description:
    "Filter by `kind`, `status`, `model_version_id` (the evaluated version) and `gate` (`passed`, `failed`). Sort `created_at` (default newest first). `?format=csv|json` exports the whole filter.",
  request: { params: projectParams, query: EvaluationListQuery },
  responses: { 200: listResponse(listOf(EvaluationRun), "Runs") },
});

export function registerListEvaluations(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listEvaluations({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "evaluations",
    );
  });
}
