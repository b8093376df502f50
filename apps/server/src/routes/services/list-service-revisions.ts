import { ListQuery, listOf, ServiceRevision } from "@infera/contracts";
import { listServiceRevisions } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.revision.list", {
  method: "get",
  path: "/services/{serviceId}/revisions",
  tags: ["Services"],
  summary: "A service's revisions, newest first, with their traffic shares and states",
  request: { params: serviceParams, query: ListQuery },
  responses: { 200: listResponse(listOf(ServiceRevision), "Revisions") },
});

export function registerListServiceRevisions(app: Api) {
  app.openapi(route, async (c) => {
    const { serviceId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listServiceRevisions({ ctx: c.get("ctx"), serviceId, query: { ...query, cursor, limit } }),
      "service-revisions",
    );
  });
}
