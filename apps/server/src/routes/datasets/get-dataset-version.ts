import { DatasetVersion, single } from "@infera/contracts";
import { getDatasetVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { versionParams } from "./params.js";

const route = defineRoute("dataset.version.read", {
  method: "get",
  path: "/dataset-versions/{versionId}",
  tags: ["Datasets"],
  summary: "Read a dataset version: files, digest, rows, schema, token statistics, lineage",
  request: { params: versionParams },
  responses: { 200: jsonResponse(single(DatasetVersion), "The version") },
});

export function registerGetDatasetVersion(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getDatasetVersion({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId }) },
      200,
    ),
  );
}
