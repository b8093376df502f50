import { ListQuery, listOf, ServiceAccount, ServiceAccountListQuery } from "@infera/contracts";
import { listServiceAccounts } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { projectParams } from "./params.js";

const route = defineRoute("project.service_account.list", {
  method: "get",
  path: "/projects/{projectId}/service-accounts",
  tags: ["Service accounts"],
  summary: "List the project's service accounts",
  description:
    "Filter by `status`, `q` (name or id). Sort by `created_at` (default, newest first) or `name`.",
  request: { params: projectParams, query: ListQuery.extend(ServiceAccountListQuery.shape) },
  responses: { 200: listResponse(listOf(ServiceAccount), "Service accounts") },
});

export function registerListServiceAccounts(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listServiceAccounts({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "service-accounts",
    );
  });
}
