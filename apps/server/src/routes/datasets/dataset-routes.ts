import {
  CreateDatasetInput,
  Dataset,
  DatasetListQuery,
  DatasetUsage,
  ListQuery,
  listOf,
  single,
  UpdateDatasetInput,
} from "@infera/contracts";
import {
  createDataset,
  deleteDataset,
  getDataset,
  getDatasetUsage,
  listDatasets,
  updateDataset,
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
import { respondList } from "../../http/list-response.js";

const projectParams = z.object({ projectId: idParam("project id") });
const datasetParams = z.object({ datasetId: idParam("dataset id") });

const list = defineRoute("dataset.list", {
  method: "get",
  path: "/projects/{projectId}/datasets",
  tags: ["Datasets"],
  summary: "A project's datasets, each with its latest version's rows, token sums and schema size",
  description:
    "Filter by `dataset_format` (chat, prompt_completion, text, preference), `q` (name, description, dataset id or version id), `rows_min`/`rows_max` (latest version's rows). Sort by `updated_at` (default, newest first), `created_at` or `name`. `?format=csv|json` exports the whole filter.",
  request: { params: projectParams, query: ListQuery.extend(DatasetListQuery.shape) },
  responses: { 200: listResponse(listOf(Dataset), "Datasets") },
});

const create = defineRoute("dataset.create", {
  method: "post",
  path: "/projects/{projectId}/datasets",
  tags: ["Datasets"],
  summary: "Create a dataset (name unique in the project ignoring case; format optional, else set by v1)",
  request: { params: projectParams, body: jsonBody(CreateDatasetInput) },
  responses: { 201: jsonResponse(single(Dataset), "Created") },
});

const get = defineRoute("dataset.read", {
  method: "get",
  path: "/datasets/{datasetId}",
  tags: ["Datasets"],
  summary: "Read a dataset",
  request: { params: datasetParams },
  responses: { 200: jsonResponse(single(Dataset), "The dataset") },
});

const update = defineRoute("dataset.update", {
  method: "patch",
  path: "/datasets/{datasetId}",
  tags: ["Datasets"],
  summary: "Rename a dataset, change its description or tags",
  request: { params: datasetParams, body: jsonBody(UpdateDatasetInput) },
  responses: { 200: jsonResponse(single(Dataset), "Updated") },
});

const remove = defineRoute("dataset.delete", {
  method: "delete",
  path: "/datasets/{datasetId}",
  tags: ["Datasets"],
  summary: "Delete a dataset with its versions; 409 resource_in_use lists what references them",
  request: { params: datasetParams },
  responses: noContent,
});

const usage = defineRoute("dataset.usage", {
  method: "get",
  path: "/datasets/{datasetId}/usage",
  tags: ["Datasets"],
  summary: "What references the dataset or its versions (jobs, evaluations, …): the Usage tab",
  request: { params: datasetParams },
  responses: { 200: jsonResponse(single(DatasetUsage), "Dependants") },
});

export function registerDatasetRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listDatasets({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "datasets",
    );
  });
  app.openapi(create, async (c) =>
    c.json(
      {
        data: await createDataset({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
  app.openapi(get, async (c) =>
    c.json({ data: await getDataset({ ctx: c.get("ctx"), datasetId: c.req.valid("param").datasetId }) }, 200),
  );
  app.openapi(update, async (c) =>
    c.json(
      {
        data: await updateDataset({
          ctx: c.get("ctx"),
          datasetId: c.req.valid("param").datasetId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
  app.openapi(remove, async (c) => {
    await deleteDataset({ ctx: c.get("ctx"), datasetId: c.req.valid("param").datasetId });
    return c.body(null, 204);
  });
  app.openapi(usage, async (c) =>
    c.json(
      { data: await getDatasetUsage({ ctx: c.get("ctx"), datasetId: c.req.valid("param").datasetId }) },
      200,
    ),
  );
}
