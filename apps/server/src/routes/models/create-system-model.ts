import { CreateSystemModelInput, Model, single } from "@infera/contracts";
import { createSystemModel } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("model.system.create", {
  method: "post",
  path: "/models",
  tags: ["Models"],
  summary: "Register a system model (platform admin): owned by the platform, public to every tenant",
  request: { body: jsonBody(CreateSystemModelInput) },
  responses: { 201: jsonResponse(single(Model), "Created") },
});

export function registerCreateSystemModel(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await createSystemModel({ ctx: c.get("ctx"), input: c.req.valid("json") }) }, 201),
  );
}
