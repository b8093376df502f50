import { CreateDatasetVersionInput, DatasetVersion, ErrorEnvelope, single } from "@infera/contracts";
import { createDatasetVersion, DatasetInvalidError } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { errorBody } from "../../http/error-response.js";
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
      description: "validation_error: the files have invalid rows; `details` is a DatasetValidation",
      content: { "application/json": { schema: ErrorEnvelope } },
    },
  },
});

export function registerCreateDatasetVersion(app: Api) {
  app.openapi(route, async (c) => {
    try {
      const data = await createDatasetVersion({
        ctx: c.get("ctx"),
        datasetId: c.req.valid("param").datasetId,
        input: c.req.valid("json"),
      });
      return c.json({ data }, 201);
    } catch (err) {
      // The request was well formed; the data is what failed: 422, with the run as details.
      if (!(err instanceof DatasetInvalidError)) throw err;
      return c.json(
        errorBody("validation_error", err.message, c.get("requestId") ?? "unknown", err.validation),
        422,
      ) as never;
    }
  });
}
