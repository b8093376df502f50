import { Dataset, DatasetListQuery, ListQuery, listOf } from "@infera/contracts";
import { listDatasets } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("dataset.list", {
  method: "get",
  path: "/projects/{projectId}/datasets",
  tags: ["Datasets"],
  summary: "A project's datasets, each with its latest version's rows, token sums and schema size",
  description:
    "Filter by `dataset_format` (chat, prompt_completion, text, preference), `q` (name, description, dataset id or version id), `rows_min`/`rows_max` (latest version's rows). Sort by `updated_at` (default, newest first), `created_at` or `name`. `?format=csv|json` exports the whole filter.",
  request: { params: projectParams, query: ListQuery.extend(DatasetListQuery.shape) },
  responses: { 200: listResponse(listOf(Dataset), "Datasets") },
});

export function registerListDatasets(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listDatasets({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "datasets",
    );
  });
}
