import { DatasetValidation, single, ValidateDatasetVersionInput } from "@infera/contracts";
import { validateDatasetVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { datasetParams, fileRules } from "./params.js";

const route = defineRoute("dataset.version.validate", {
  method: "post",
  path: "/datasets/{datasetId}/versions/validate",
  tags: ["Datasets"],
  summary: "Dry run: validate uploaded files and get the report, creating no version and using no upload",
  description: `${fileRules} Answers 200 whether the files are valid or not (\`valid\`); the run and its full report are kept for ${7} days.`,
  request: { params: datasetParams, body: jsonBody(ValidateDatasetVersionInput) },
  responses: { 200: jsonResponse(single(DatasetValidation), "What validation found") },
});

export function registerValidateDatasetVersion(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await validateDatasetVersion({
          ctx: c.get("ctx"),
          datasetId: c.req.valid("param").datasetId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
