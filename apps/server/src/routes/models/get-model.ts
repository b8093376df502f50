import { Model, single } from "@infera/contracts";
import { getModel } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { modelParams } from "./params.js";

const route = defineRoute("model.read", {
  method: "get",
  path: "/models/{modelId}",
  tags: ["Models"],
  summary: "Read a model (its own project, a shared model of your tenant, or a public system model)",
  request: { params: modelParams },
  responses: { 200: jsonResponse(single(Model), "The model") },
});

export function registerGetModel(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getModel({ ctx: c.get("ctx"), modelId: c.req.valid("param").modelId }) }, 200),
  );
}
