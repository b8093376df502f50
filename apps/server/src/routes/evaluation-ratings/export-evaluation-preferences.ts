import { ExportPreferencesInput, PreferenceExport, single } from "@infera/contracts";
import { exportEvaluationPreferences } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { ratedRunParams, unprocessable } from "./params.js";

const route = defineRoute("evaluation.export_preferences", {
  method: "post",
  path: "/evaluations/{runId}/preferences",
  tags: ["Evaluations"],
  summary:
    "Export a side-by-side run's ratings as a new preference dataset version (prompt, chosen, rejected)",
  description:
    "Give `dataset_id` (a dataset of the run's project holding preference records, or none yet) or `dataset_name` (a new dataset). One record per prompt that more than half of at least `min_ratings` raters gave to one side: `prompt` (as sent), `chosen` (the winner's answer), `rejected` (the other). Ties, split votes and prompts with a missing or identical answer are left out. The version's `source` records the run and both targets (lineage). 422 when nothing qualifies; 409 for a run that is not side_by_side or a dataset of another format.",
  request: { params: ratedRunParams, body: jsonBody(ExportPreferencesInput) },
  responses: {
    201: jsonResponse(single(PreferenceExport), "The new version"),
    422: unprocessable("no rated prompt has a clear winner with enough ratings"),
  },
});

export function registerExportEvaluationPreferences(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await exportEvaluationPreferences({
          ctx: c.get("ctx"),
          runId: c.req.valid("param").runId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
