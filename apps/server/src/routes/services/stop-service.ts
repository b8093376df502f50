import { Service, single } from "@infera/contracts";
import { stopService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.stop", {
  method: "post",
  path: "/services/{serviceId}/stop",
  tags: ["Services"],
  summary: "Stop a service: desired state inactive (revisions not yet placed become inactive)",
  request: { params: serviceParams },
  responses: { 200: jsonResponse(single(Service), "The service") },
});

export function registerStopService(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await stopService({ ctx: c.get("ctx"), serviceId: c.req.valid("param").serviceId }) },
      200,
    ),
  );
}
