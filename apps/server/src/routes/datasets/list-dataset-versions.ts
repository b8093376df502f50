import { DatasetVersion, DatasetVersionListQuery, ListQuery, listOf } from "@infera/contracts";
import { listDatasetVersions } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { datasetParams } from "./params.js";

const route = defineRoute("dataset.version.list", {
  method: "get",
  path: "/datasets/{datasetId}/versions",
  tags: ["Datasets"],
  summary: "List a dataset's versions (highest number first)",
  description:
    "Filter by `split_role` (train, validation), `q` (version id or digest). Sort by `number` (default), `created_at` or `rows`.",
  request: { params: datasetParams, query: ListQuery.extend(DatasetVersionListQuery.shape) },
  responses: { 200: listResponse(listOf(DatasetVersion), "Versions") },
});

export function registerListDatasetVersions(app: Api) {
  app.openapi(route, async (c) => {
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
}
