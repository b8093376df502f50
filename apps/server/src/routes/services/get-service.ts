import { ServiceDetail, single } from "@infera/contracts";
import { getService } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.read", {
  method: "get",
  path: "/services/{serviceId}",
  tags: ["Services"],
  summary: "A service with its revisions, traffic split and how long each revision spent in each state",
  request: { params: serviceParams },
  responses: { 200: jsonResponse(single(ServiceDetail), "The service") },
});

export function registerGetService(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getService({ ctx: c.get("ctx"), serviceId: c.req.valid("param").serviceId }) }, 200),
  );
}
