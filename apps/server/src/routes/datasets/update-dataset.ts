import { Dataset, single, UpdateDatasetInput } from "@infera/contracts";
import { updateDataset } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { datasetParams } from "./params.js";

const route = defineRoute("dataset.update", {
  method: "patch",
  path: "/datasets/{datasetId}",
  tags: ["Datasets"],
  summary: "Rename a dataset, change its description or tags",
  request: { params: datasetParams, body: jsonBody(UpdateDatasetInput) },
  responses: { 200: jsonResponse(single(Dataset), "Updated") },
});

export function registerUpdateDataset(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateDataset({
          ctx: c.get("ctx"),
          datasetId: c.req.valid("param").datasetId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
