import { CreateTenantInput, single, Tenant } from "@infera/contracts";
import { createTenant } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("tenant.create", {
  method: "post",
  path: "/tenants",
  tags: ["Tenants"],
  summary: "Create a tenant (platform admin)",
  request: { body: jsonBody(CreateTenantInput) },
  responses: { 201: jsonResponse(single(Tenant), "Created") },
});

export function registerCreateTenant(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await createTenant({ ctx: c.get("ctx"), input: c.req.valid("json") }) }, 201),
  );
}
