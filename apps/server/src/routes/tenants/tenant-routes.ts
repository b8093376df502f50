import { CreateTenantInput, ListQuery, listOf, single, Tenant, UpdateTenantInput } from "@infera/contracts";
import { createTenant, getTenant, listTenants, updateTenant } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, jsonBody, jsonResponse, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const tenantParams = z.object({ tenantId: idParam("tenant id") });

const list = defineRoute("tenant.list", {
  method: "get",
  path: "/tenants",
  tags: ["Tenants"],
  summary: "List the tenants you belong to (all of them for the platform admin)",
  request: { query: ListQuery },
  responses: { 200: listResponse(listOf(Tenant), "Tenants") },
});

const create = defineRoute("tenant.create", {
  method: "post",
  path: "/tenants",
  tags: ["Tenants"],
  summary: "Create a tenant (platform admin)",
  request: { body: jsonBody(CreateTenantInput) },
  responses: { 201: jsonResponse(single(Tenant), "Created") },
});

const get = defineRoute("tenant.read", {
  method: "get",
  path: "/tenants/{tenantId}",
  tags: ["Tenants"],
  summary: "Read a tenant",
  request: { params: tenantParams },
  responses: { 200: jsonResponse(single(Tenant), "The tenant") },
});

const update = defineRoute("tenant.update", {
  method: "patch",
  path: "/tenants/{tenantId}",
  tags: ["Tenants"],
  summary: "Change a tenant's name or settings",
  request: { params: tenantParams, body: jsonBody(UpdateTenantInput) },
  responses: { 200: jsonResponse(single(Tenant), "Updated") },
});

export function registerTenantRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listTenants({ ctx: c.get("ctx"), query: { ...query, cursor, limit } }),
      "tenants",
    );
  });
  app.openapi(create, async (c) =>
    c.json({ data: await createTenant({ ctx: c.get("ctx"), input: c.req.valid("json") }) }, 201),
  );
  app.openapi(get, async (c) =>
    c.json({ data: await getTenant({ ctx: c.get("ctx"), tenantId: c.req.valid("param").tenantId }) }, 200),
  );
  app.openapi(update, async (c) =>
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
