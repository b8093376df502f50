import { deleteModel } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { modelParams } from "./params.js";

const route = defineRoute("model.delete", {
  method: "delete",
  path: "/models/{modelId}",
  tags: ["Models"],
  summary: "Delete a model with its versions and tags; 409 resource_in_use lists what references it",
  request: { params: modelParams },
  responses: noContent,
});

export function registerDeleteModel(app: Api) {
  app.openapi(route, async (c) => {
    await deleteModel({ ctx: c.get("ctx"), modelId: c.req.valid("param").modelId });
    return c.body(null, 204);
  });
}
