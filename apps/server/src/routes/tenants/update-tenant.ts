import { single, Tenant, UpdateTenantInput } from "@infera/contracts";
import { updateTenant } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { tenantParams } from "./params.js";

const route = defineRoute("tenant.update", {
  method: "patch",
  path: "/tenants/{tenantId}",
  tags: ["Tenants"],
  summary: "Change a tenant's name or settings",
  request: { params: tenantParams, body: jsonBody(UpdateTenantInput) },
  responses: { 200: jsonResponse(single(Tenant), "Updated") },
});

export function registerUpdateTenant(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateTenant({
          ctx: c.get("ctx"),
          tenantId: c.req.valid("param").tenantId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
