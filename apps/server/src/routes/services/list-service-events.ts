import { ListQuery, listOf, ServiceEvent } from "@infera/contracts";
import { listServiceEvents } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.event.list", {
  method: "get",
  path: "/services/{serviceId}/events",
  tags: ["Services"],
  summary:
    "A service's events, newest first: created, deployed, traffic changed, rolled back, failed, started, stopped",
  request: { params: serviceParams, query: ListQuery },
  responses: { 200: listResponse(listOf(ServiceEvent), "Events") },
});

export function registerListServiceEvents(app: Api) {
  app.openapi(route, async (c) => {
    const { serviceId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listServiceEvents({ ctx: c.get("ctx"), serviceId, query: { ...query, cursor, limit } }),
      "service-events",
    );
  });
}
