import { deleteEvaluation } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { runParams } from "./params.js";

const route = defineRoute("evaluation.delete", {
  method: "delete",
  path: "/evaluations/{runId}",
  tags: ["Evaluation"],
  summary: "Delete a finished run and its samples",
  description:
    "A run still queued, running or canceling answers 409 `conflict`; a run a tag move names as its release evidence answers 409 `resource_in_use` listing the moves.",
  request: { params: runParams },
  responses: noContent,
});

export function registerDeleteEvaluation(app: Api) {
  app.openapi(route, async (c) => {
    await deleteEvaluation({ ctx: c.get("ctx"), runId: c.req.valid("param").runId });
    return c.body(null, 204);
  });
}
