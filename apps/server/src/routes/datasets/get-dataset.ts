import { Dataset, single } from "@infera/contracts";
import { getDataset } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { datasetParams } from "./params.js";

const route = defineRoute("dataset.read", {
  method: "get",
  path: "/datasets/{datasetId}",
  tags: ["Datasets"],
  summary: "Read a dataset",
  request: { params: datasetParams },
  responses: { 200: jsonResponse(single(Dataset), "The dataset") },
});

export function registerGetDataset(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getDataset({ ctx: c.get("ctx"), datasetId: c.req.valid("param").datasetId }) }, 200),
  );
}
