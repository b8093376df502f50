import { ModelVersion, single } from "@infera/contracts";
import { getModelVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { versionParams } from "./params.js";

const route = defineRoute("model.version.read", {
  method: "get",
  path: "/model-versions/{versionId}",
  tags: ["Models"],
  summary: "Read a model version: files with sha256, digest, size, metadata, tags",
  request: { params: versionParams },
  responses: { 200: jsonResponse(single(ModelVersion), "The version") },
});

export function registerGetModelVersion(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getModelVersion({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId }) },
      200,
    ),
  );
}
