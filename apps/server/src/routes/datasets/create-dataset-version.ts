import { CreateDatasetVersionInput, DatasetVersion, ErrorEnvelope, single } from "@infera/contracts";
import { createDatasetVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { datasetParams, fileRules } from "./params.js";

const route = defineRoute("dataset.version.create", {
  method: "post",
  path: "/datasets/{datasetId}/versions",
  tags: ["Datasets"],
  summary:
    "Add an immutable version from finished uploads: validated by streaming before anything is registered",
  description: `${fileRules} Any invalid line (or no valid line) creates no version and answers 422 with \`details\` = the validation run (first 20 errors with line numbers, counts, \`report_href\` of the full JSONL report). With \`keep_valid_only: true\` the valid rows become the version's one file (\`<name>.valid.jsonl\`) and the version records \`kept_valid_only\`, \`dropped_rows\` and the report. An upload that is not complete (cut off, expired) or already used answers 409.`,
  request: { params: datasetParams, body: jsonBody(CreateDatasetVersionInput) },
  responses: {
    201: jsonResponse(single(DatasetVersion), "Created"),
    422: {
      description: "unprocessable_content: the files have invalid rows; `details` is a DatasetValidation",
      content: { "application/json": { schema: ErrorEnvelope } },
    },
  },
});

export function registerCreateDatasetVersion(app: Api) {
  // Invalid files throw DatasetInvalidError (unprocessable_content, the run as details): the shared
  // error handler answers it 422 like any other domain error.
  app.openapi(route, async (c) => {
    const data = await createDatasetVersion({
      ctx: c.get("ctx"),
      datasetId: c.req.valid("param").datasetId,
      input: c.req.valid("json"),
    });
    return c.json({ data }, 201);
  });
}
