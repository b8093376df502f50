import { CreateDatasetInput, Dataset, single } from "@infera/contracts";
import { createDataset } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("dataset.create", {
  method: "post",
  path: "/projects/{projectId}/datasets",
  tags: ["Datasets"],
  summary: "Create a dataset (name unique in the project ignoring case; format optional, else set by v1)",
  request: { params: projectParams, body: jsonBody(CreateDatasetInput) },
  responses: { 201: jsonResponse(single(Dataset), "Created") },
});

export function registerCreateDataset(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createDataset({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
