import { DatasetPreview, DatasetPreviewQuery, single } from "@infera/contracts";
import { previewDatasetVersion } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { versionParams } from "./params.js";

const route = defineRoute("dataset.version.preview", {
  method: "get",
  path: "/dataset-versions/{versionId}/preview",
  tags: ["Datasets"],
  summary: "The first rows of a version (`limit`, default 20, at most 100); Finance gets locations only",
  request: { params: versionParams, query: DatasetPreviewQuery },
  responses: { 200: jsonResponse(single(DatasetPreview), "Rows") },
});

export function registerPreviewDatasetVersion(app: Api) {
  app.openapi(route, async (c) =>
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
}
