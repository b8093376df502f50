import { CreateResourceClassInput, ResourceClass, single } from "@infera/contracts";
import { createResourceClass } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("resource_class.create", {
  method: "post",
  path: "/admin/resource-classes",
  tags: ["Admin"],
  summary: "Define a resource class (platform admin, audited)",
  description:
    "`name` is lower-case and never changes (jobs record it), e.g. `1xa100-80g`. A class with GPUs names their model. `hourly_price` in `currency` feeds cost estimates.",
  request: { body: jsonBody(CreateResourceClassInput) },
  responses: { 201: jsonResponse(single(ResourceClass), "Created") },
});

export function registerCreateResourceClass(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await createResourceClass({ ctx: c.get("ctx"), input: c.req.valid("json") }) }, 201),
  );
}
