import { ListQuery, listOf, ServiceListItem, ServiceListQuery } from "@infera/contracts";
import { listServices } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("service.list", {
  method: "get",
  path: "/projects/{projectId}/services",
  tags: ["Services"],
  summary: "A project's inference services, newest first",
  description:
    "Filter by `state` (current state: pending, downloading, starting, ready, inactive, failed), `desired_state` (active, inactive), `env`, `model` (a model id or model version id that one of its revisions runs) and `q` (text in the name or description). `?format=csv|json` exports the whole filter.",
  request: { params: projectParams, query: ListQuery.extend(ServiceListQuery.shape) },
  responses: {
    200: listResponse(listOf(ServiceListItem), "Services (with their ready replicas and autoscaling bounds)"),
  },
});

export function registerListServices(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listServices({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "services",
    );
  });
}
