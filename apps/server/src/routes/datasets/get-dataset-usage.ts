import { DatasetUsage, single } from "@infera/contracts";
import { getDatasetUsage } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { datasetParams } from "./params.js";

const route = defineRoute("dataset.usage", {
  method: "get",
  path: "/datasets/{datasetId}/usage",
  tags: ["Datasets"],
  summary: "What references the dataset or its versions (jobs, evaluations, …): the Usage tab",
  request: { params: datasetParams },
  responses: { 200: jsonResponse(single(DatasetUsage), "Dependants") },
});

export function registerGetDatasetUsage(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getDatasetUsage({ ctx: c.get("ctx"), datasetId: c.req.valid("param").datasetId }) },
      200,
    ),
  );
}
