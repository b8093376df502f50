import { Service, single } from "@infera/contracts";
import { startService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.start", {
  method: "post",
  path: "/services/{serviceId}/start",
  tags: ["Services"],
  summary: "Start a service: desired state active (inactive revisions go back to pending)",
  request: { params: serviceParams },
  responses: { 200: jsonResponse(single(Service), "The service") },
});

export function registerStartService(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await startService({ ctx: c.get("ctx"), serviceId: c.req.valid("param").serviceId }) },
      200,
    ),
  );
}
