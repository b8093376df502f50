import { ResourceClass, single, UpdateResourceClassInput } from "@infera/contracts";
import { updateResourceClass } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { classParams } from "./params.js";

const route = defineRoute("resource_class.update", {
  method: "patch",
  path: "/admin/resource-classes/{name}",
  tags: ["Admin"],
  summary: "Change a resource class's size, price or availability (platform admin, audited)",
  description:
    "Omitted fields stay. `enabled: false` keeps the class on the jobs that used it but takes no new ones.",
  request: { params: classParams, body: jsonBody(UpdateResourceClassInput) },
  responses: { 200: jsonResponse(single(ResourceClass), "Updated") },
});

export function registerUpdateResourceClass(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateResourceClass({
          ctx: c.get("ctx"),
          name: c.req.valid("param").name,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
