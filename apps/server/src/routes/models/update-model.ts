import { Model, single, UpdateModelInput } from "@infera/contracts";
import { updateModel } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { modelParams } from "./params.js";

const route = defineRoute("model.update", {
  method: "patch",
  path: "/models/{modelId}",
  tags: ["Models"],
  summary: "Rename a model, change its description, visibility, source or license",
  request: { params: modelParams, body: jsonBody(UpdateModelInput) },
  responses: { 200: jsonResponse(single(Model), "Updated") },
});

export function registerUpdateModel(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateModel({
          ctx: c.get("ctx"),
          modelId: c.req.valid("param").modelId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
