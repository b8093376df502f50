import { DatasetUsage, single } from "@infera/contracts";
import { getDatasetVersionUsage } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { versionParams } from "./params.js";

const route = defineRoute("dataset.usage", {
  method: "get",
  path: "/dataset-versions/{versionId}/usage",
  tags: ["Datasets"],
  summary: "What references this version (split parts, jobs, evaluations)",
  request: { params: versionParams },
  responses: { 200: jsonResponse(single(DatasetUsage), "Dependants") },
});

export function registerGetDatasetVersionUsage(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await getDatasetVersionUsage({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId }),
      },
      200,
    ),
  );
}
