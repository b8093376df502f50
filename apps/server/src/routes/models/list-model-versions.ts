import { ListQuery, listOf, ModelVersion, ModelVersionListQuery } from "@infera/contracts";
import { listModelVersions } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { modelParams } from "./params.js";

const route = defineRoute("model.version.list", {
  method: "get",
  path: "/models/{modelId}/versions",
  tags: ["Models"],
  summary: "List a model's versions (newest first)",
  description:
    "Filter by `artifact_type`, `weight_format`, `source`, `q` (version id or digest). Sort by `created_at` or `size`.",
  request: { params: modelParams, query: ListQuery.extend(ModelVersionListQuery.shape) },
  responses: { 200: listResponse(listOf(ModelVersion), "Versions") },
});

export function registerListModelVersions(app: Api) {
  app.openapi(route, async (c) => {
    const { modelId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listModelVersions({ ctx: c.get("ctx"), modelId, query: { ...query, cursor, limit } }),
      "model-versions",
    );
  });
}
