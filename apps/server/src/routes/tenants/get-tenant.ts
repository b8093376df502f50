import { single, Tenant } from "@infera/contracts";
import { getTenant } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { tenantParams } from "./params.js";

const route = defineRoute("tenant.read", {
  method: "get",
  path: "/tenants/{tenantId}",
  tags: ["Tenants"],
  summary: "Read a tenant",
  request: { params: tenantParams },
  responses: { 200: jsonResponse(single(Tenant), "The tenant") },
});

export function registerGetTenant(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getTenant({ ctx: c.get("ctx"), tenantId: c.req.valid("param").tenantId }) }, 200),
  );
}
