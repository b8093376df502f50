import { deleteTenantUser } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { userParams } from "./params.js";

const route = defineRoute("tenant.user.delete", {
  method: "delete",
  path: "/tenants/{tenantId}/users/{userId}",
  tags: ["Tenant users"],
  summary: "Remove a user and their project memberships (409 while they are a project's last Owner)",
  request: { params: userParams },
  responses: noContent,
});

export function registerDeleteTenantUser(app: Api) {
  app.openapi(route, async (c) => {
    const { tenantId, userId } = c.req.valid("param");
    await deleteTenantUser({ ctx: c.get("ctx"), tenantId, userId });
    return c.body(null, 204);
  });
}
