import { single, TenantUser, UpdateTenantUserInput } from "@infera/contracts";
import { updateTenantUser } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { userParams } from "./params.js";

const route = defineRoute("tenant.user.update", {
  method: "patch",
  path: "/tenants/{tenantId}/users/{userId}",
  tags: ["Tenant users"],
  summary: "Change a user's tenant role, or disable / enable them (the last Tenant Admin stays)",
  request: { params: userParams, body: jsonBody(UpdateTenantUserInput) },
  responses: { 200: jsonResponse(single(TenantUser), "Updated") },
});

export function registerUpdateTenantUser(app: Api) {
  app.openapi(route, async (c) => {
    const { tenantId, userId } = c.req.valid("param");
    return c.json(
      { data: await updateTenantUser({ ctx: c.get("ctx"), tenantId, userId, input: c.req.valid("json") }) },
      200,
    );
  });
}
