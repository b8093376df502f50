import { DeleteServiceInput } from "@infera/contracts";
import { deleteService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, noContent } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.delete", {
  method: "delete",
  path: "/services/{serviceId}",
  tags: ["Services"],
  summary: "Delete a service with its revisions: type its name; 409 resource_in_use while something uses it",
  request: { params: serviceParams, body: jsonBody(DeleteServiceInput) },
  responses: noContent,
});

export function registerDeleteService(app: Api) {
  app.openapi(route, async (c) => {
    await deleteService({
      ctx: c.get("ctx"),
      serviceId: c.req.valid("param").serviceId,
      input: c.req.valid("json"),
    });
    return c.body(null, 204);
  });
}
