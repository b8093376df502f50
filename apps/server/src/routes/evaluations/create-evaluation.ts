import { CreateEvaluationInput, EvaluationRun, single } from "@infera/contracts";
import { createEvaluation } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("evaluation.create", {
  method: "post",
  path: "/projects/{projectId}/evaluations",
  tags: ["Evaluation"],
  summary: "Start an evaluation run (automatic, side-by-side or gate); it waits queued for a worker",
  description:
    "A target is `{model_version_id}`, `{model_id, ref}` (a tag such as `prod`, or a version id: resolved now, the version id stored, the label kept as `model:tag`) or `{service_id, revision_id?}` (without a revision: the one taking the most traffic). `automatic` takes one target, `side_by_side` two (evaluated, compared), `gate` one model version; when a gate rule is `not_worse_than_prod` the model's current `prod` version becomes target `b` (role `baseline`), unless there is none or it is the same version. Data: `dataset_version_id` (a version of this project whose records give a prompt — and a reference when a reference metric is asked — or `prompt_field` / `reference_field`) or, for side-by-side only, `prompts`; or `benchmark_id` (a benchmark of this project: its pinned version or its dataset's latest version now, its fields, and — for those the request leaves out — its metrics, sample limit and generation; the run records `benchmark_id`). Every id must be of this project (models may also be tenant-shared or public); another tenant's answers 404 like an unknown id. A regex that does not compile, a json_schema metric without `schema`, a judge without a service of this project answer 422 naming the field.",
  request: { params: projectParams, body: jsonBody(CreateEvaluationInput) },
  responses: { 201: jsonResponse(single(EvaluationRun), "The queued run") },
});

export function registerCreateEvaluation(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createEvaluation({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
