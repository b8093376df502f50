import { deleteDataset } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { datasetParams } from "./params.js";

const route = defineRoute("dataset.delete", {
  method: "delete",
  path: "/datasets/{datasetId}",
  tags: ["Datasets"],
  summary: "Delete a dataset with its versions; 409 resource_in_use lists what references them",
  request: { params: datasetParams },
  responses: noContent,
});

export function registerDeleteDataset(app: Api) {
  app.openapi(route, async (c) => {
    await deleteDataset({ ctx: c.get("ctx"), datasetId: c.req.valid("param").datasetId });
    return c.body(null, 204);
  });
}
