import { ListQuery, listOf, TenantUser, TenantUserListQuery } from "@infera/contracts";
import { listTenantUsers } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { tenantParams } from "./params.js";

const route = defineRoute("tenant.user.list", {
  method: "get",
  path: "/tenants/{tenantId}/users",
  tags: ["Tenant users"],
  summary: "List the tenant's users",
  description:
    "Filter by `role`, `status`, `q` (email or name). Sort by `email` (default) or `created_at` (prefix `-` for descending).",
  request: { params: tenantParams, query: ListQuery.extend(TenantUserListQuery.shape) },
  responses: { 200: listResponse(listOf(TenantUser), "Tenant users") },
});

export function registerListTenantUsers(app: Api) {
  app.openapi(route, async (c) => {
    const { tenantId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listTenantUsers({ ctx: c.get("ctx"), tenantId, query: { ...query, cursor, limit } }),
      "tenant-users",
    );
  });
}
