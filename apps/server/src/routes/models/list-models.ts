import { ListQuery, listOf, Model, ModelListQuery } from "@infera/contracts";
import { listModels } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("model.list", {
  method: "get",
  path: "/projects/{projectId}/models",
  tags: ["Models"],
  summary: "Models the project may use: public system models, the tenant's shared models and its own",
  description:
    "Filter by `scope` (system, tenant, project), `visibility`, `source` (a version from upload, fine_tune, system or import), `license`, `weight_format` (gguf, safetensors, bin), `artifact_type`, `quantization`, `q` (name, model id or version id). Sort by `updated_at` (default, newest first), `created_at` or `name`. `?format=csv|json` exports the whole filter.",
  request: { params: projectParams, query: ListQuery.extend(ModelListQuery.shape) },
  responses: { 200: listResponse(listOf(Model), "Models") },
});

export function registerListModels(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listModels({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "models",
    );
  });
}
