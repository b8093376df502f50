import { CreateModelInput, Model, single } from "@infera/contracts";
import { createModel } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("model.create", {
  method: "post",
  path: "/projects/{projectId}/models",
  tags: ["Models"],
  summary: "Create a tenant model managed by this project (private or tenant_shared)",
  request: { params: projectParams, body: jsonBody(CreateModelInput) },
  responses: { 201: jsonResponse(single(Model), "Created") },
});

export function registerCreateModel(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createModel({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
