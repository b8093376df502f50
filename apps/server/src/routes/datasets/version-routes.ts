import {
  CreateDatasetVersionInput,
  DatasetPreview,
  DatasetPreviewQuery,
  DatasetSplit,
  DatasetUsage,
  DatasetValidation,
  DatasetVersion,
  DatasetVersionListQuery,
  ErrorEnvelope,
  ListQuery,
  listOf,
  SplitDatasetVersionInput,
  single,
  ValidateDatasetVersionInput,
} from "@infera/contracts";
import {
  createDatasetVersion,
  DatasetInvalidError,
  deleteDatasetVersion,
  getDatasetVersion,
  getDatasetVersionUsage,
  getValidationRun,
  listDatasetVersions,
  previewDatasetVersion,
  splitDatasetVersion,
  validateDatasetVersion,
} from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import {
  defineRoute,
  idParam,
  jsonBody,
  jsonResponse,
  listResponse,
  noContent,
} from "../../http/define-route.js";
import { errorBody } from "../../http/error-response.js";
import { respondList } from "../../http/list-response.js";

const datasetParams = z.object({ datasetId: idParam("dataset id") });
const versionParams = z.object({ versionId: idParam("dataset version id") });
const runParams = z.object({ runId: idParam("validation run id") });

const list = defineRoute("dataset.version.list", {
  method: "get",
  path: "/datasets/{datasetId}/versions",
  tags: ["Datasets"],
  summary: "List a dataset's versions (highest number first)",
  description:
    "Filter by `split_role` (train, validation), `q` (version id or digest). Sort by `number` (default), `created_at` or `rows`.",
  request: { params: datasetParams, query: ListQuery.extend(DatasetVersionListQuery.shape) },
  responses: { 200: listResponse(listOf(DatasetVersion), "Versions") },
});

const fileRules =
  "Each file is `{upload_id, name?}` (a finished tus upload of the dataset's project; `name` defaults to the upload's filename) or `{sha256, name}` (bytes the dataset's tenant already holds; any other digest answers 400 as unknown). Files are read in order as if concatenated. Names are relative, forward-slashed, without `..`, NUL or other control characters, and unique. Token statistics use `base_model_version_id`'s tokenizer.json when given, otherwise o200k_base.";

const create = defineRoute("dataset.version.create", {
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

const validate = defineRoute("dataset.version.validate", {
  method: "post",
  path: "/datasets/{datasetId}/versions/validate",
  tags: ["Datasets"],
  summary: "Dry run: validate uploaded files and get the report, creating no version and using no upload",
  description: `${fileRules} Answers 200 whether the files are valid or not (\`valid\`); the run and its full report are kept for ${7} days.`,
  request: { params: datasetParams, body: jsonBody(ValidateDatasetVersionInput) },
  responses: { 200: jsonResponse(single(DatasetValidation), "What validation found") },
});

const getRun = defineRoute("dataset.version.read", {
  method: "get",
  path: "/dataset-validation-runs/{runId}",
  tags: ["Datasets"],
  summary: "Read a validation run (a dry run or a refused version) while it is kept",
  request: { params: runParams },
  responses: { 200: jsonResponse(single(DatasetValidation), "The run") },
});

const get = defineRoute("dataset.version.read", {
  method: "get",
  path: "/dataset-versions/{versionId}",
  tags: ["Datasets"],
  summary: "Read a dataset version: files, digest, rows, schema, token statistics, lineage",
  request: { params: versionParams },
  responses: { 200: jsonResponse(single(DatasetVersion), "The version") },
});

const remove = defineRoute("dataset.version.delete", {
  method: "delete",
  path: "/dataset-versions/{versionId}",
  tags: ["Datasets"],
  summary: "Delete a version; 409 resource_in_use lists what references it (its split parts, jobs, …)",
  request: { params: versionParams },
  responses: noContent,
});

const usage = defineRoute("dataset.usage", {
  method: "get",
  path: "/dataset-versions/{versionId}/usage",
  tags: ["Datasets"],
  summary: "What references this version (split parts, jobs, evaluations)",
  request: { params: versionParams },
  responses: { 200: jsonResponse(single(DatasetUsage), "Dependants") },
});

const preview = defineRoute("dataset.version.preview", {
  method: "get",
  path: "/dataset-versions/{versionId}/preview",
  tags: ["Datasets"],
  summary: "The first rows of a version (`limit`, default 20, at most 100); Finance gets locations only",
  request: { params: versionParams, query: DatasetPreviewQuery },
  responses: { 200: jsonResponse(single(DatasetPreview), "Rows") },
});

const split = defineRoute("dataset.version.split", {
  method: "post",
  path: "/dataset-versions/{versionId}/split",
  tags: ["Datasets"],
  summary:
    "Split a version into two derived versions (train, validation) with lineage; same seed, same split",
  description:
    "Give `validation_ratio` (0 < r < 1) or `validation_rows` (< rows), and `seed` (default 0). Each row's side is decided by a seeded hash of its content. Both parts are new versions of the same dataset with `parent_version_id`, `split_role` and `split_params`; the parent cannot be deleted while they exist.",
  request: { params: versionParams, body: jsonBody(SplitDatasetVersionInput) },
  responses: { 201: jsonResponse(single(DatasetSplit), "The two parts") },
});

export function registerDatasetVersionRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { datasetId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listDatasetVersions({ ctx: c.get("ctx"), datasetId, query: { ...query, cursor, limit } }),
      "dataset-versions",
    );
  });
  app.openapi(create, async (c) => {
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
  app.openapi(validate, async (c) =>
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
  app.openapi(getRun, async (c) =>
    c.json({ data: await getValidationRun({ ctx: c.get("ctx"), runId: c.req.valid("param").runId }) }, 200),
  );
  app.openapi(get, async (c) =>
    c.json(
      { data: await getDatasetVersion({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId }) },
      200,
    ),
  );
  app.openapi(remove, async (c) => {
    await deleteDatasetVersion({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId });
    return c.body(null, 204);
  });
  app.openapi(usage, async (c) =>
    c.json(
      {
        data: await getDatasetVersionUsage({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId }),
      },
      200,
    ),
  );
  app.openapi(preview, async (c) =>
    c.json(
      {
        data: await previewDatasetVersion({
          ctx: c.get("ctx"),
          versionId: c.req.valid("param").versionId,
          limit: c.req.valid("query").limit,
        }),
      },
      200,
    ),
  );
  app.openapi(split, async (c) =>
    c.json(
      {
        data: await splitDatasetVersion({
          ctx: c.get("ctx"),
          versionId: c.req.valid("param").versionId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
