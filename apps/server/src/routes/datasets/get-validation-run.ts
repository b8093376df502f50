import { DatasetValidation, single } from "@infera/contracts";
import { getValidationRun } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { runParams } from "./params.js";

const route = defineRoute("dataset.version.read", {
  method: "get",
  path: "/dataset-validation-runs/{runId}",
  tags: ["Datasets"],
  summary: "Read a validation run (a dry run or a refused version) while it is kept",
  request: { params: runParams },
  responses: { 200: jsonResponse(single(DatasetValidation), "The run") },
});

export function registerGetValidationRun(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getValidationRun({ ctx: c.get("ctx"), runId: c.req.valid("param").runId }) }, 200),
  );
}
