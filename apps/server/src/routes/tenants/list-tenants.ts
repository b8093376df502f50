import { ListQuery, listOf, Tenant } from "@infera/contracts";
import { listTenants } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const route = defineRoute("tenant.list", {
  method: "get",
  path: "/tenants",
  tags: ["Tenants"],
  summary: "List the tenants you belong to (all of them for the platform admin)",
  request: { query: ListQuery },
  responses: { 200: listResponse(listOf(Tenant), "Tenants") },
});

export function registerListTenants(app: Api) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listTenants({ ctx: c.get("ctx"), query: { ...query, cursor, limit } }),
      "tenants",
    );
  });
}
