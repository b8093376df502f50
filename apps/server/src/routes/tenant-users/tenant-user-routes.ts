import {
  CreateTenantUserInput,
  ListQuery,
  listOf,
  single,
  TenantUser,
  TenantUserAdded,
  TenantUserInvited,
  TenantUserListQuery,
  UpdateTenantUserInput,
} from "@infera/contracts";
import { createTenantUser, deleteTenantUser, listTenantUsers, updateTenantUser } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import {
  defineRoute,
  idParam,
  jsonBody,
  jsonResponse,
  listResponse,
  noContent,
} from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const tenantParams = z.object({ tenantId: idParam("tenant id") });
const userParams = tenantParams.extend({ userId: idParam("user id") });

const list = defineRoute("tenant.user.list", {
  method: "get",
  path: "/tenants/{tenantId}/users",
  tags: ["Tenant users"],
  summary: "List the tenant's users",
  description:
    "Filter by `role`, `status`, `q` (email or name). Sort by `email` (default) or `created_at` (prefix `-` for descending).",
  request: { params: tenantParams, query: ListQuery.extend(TenantUserListQuery.shape) },
  responses: { 200: listResponse(listOf(TenantUser), "Tenant users") },
});

const create = defineRoute("tenant.user.create", {
  method: "post",
  path: "/tenants/{tenantId}/users",
  tags: ["Tenant users"],
  summary: "Add a user: an invitation they accept (a platform admin may add directly)",
  description:
    'For an email that is not in the tenant a Tenant Admin gets an invitation (202, `outcome: "invited"`, the accept link shown once and mailed when mail is set up); the person joins when they accept it. The answer is the same whether or not the email has an account in another tenant. `password` is refused except from a platform admin, who adds directly (201, `outcome: "added"`): an existing account by email, or a new account with that password; without a password a new email is invited as well. An email already in the tenant, or with a pending invitation, answers 409.',
  request: { params: tenantParams, body: jsonBody(CreateTenantUserInput) },
  responses: {
    201: jsonResponse(TenantUserAdded, "Added directly (platform admins)"),
    202: jsonResponse(TenantUserInvited, "Invited: a member once they accept (the token is shown only now)"),
  },
});

const update = defineRoute("tenant.user.update", {
  method: "patch",
  path: "/tenants/{tenantId}/users/{userId}",
  tags: ["Tenant users"],
  summary: "Change a user's tenant role, or disable / enable them (the last Tenant Admin stays)",
  request: { params: userParams, body: jsonBody(UpdateTenantUserInput) },
  responses: { 200: jsonResponse(single(TenantUser), "Updated") },
});

const remove = defineRoute("tenant.user.delete", {
  method: "delete",
  path: "/tenants/{tenantId}/users/{userId}",
  tags: ["Tenant users"],
  summary: "Remove a user and their project memberships (409 while they are a project's last Owner)",
  request: { params: userParams },
  responses: noContent,
});

export function registerTenantUserRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { tenantId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listTenantUsers({ ctx: c.get("ctx"), tenantId, query: { ...query, cursor, limit } }),
      "tenant-users",
    );
  });
  app.openapi(create, async (c) => {
    const result = await createTenantUser({
      ctx: c.get("ctx"),
      tenantId: c.req.valid("param").tenantId,
      input: c.req.valid("json"),
    });
    if (result.outcome === "added") return c.json(result, 201);
    c.header("Cache-Control", "no-store");
    return c.json(result, 202);
  });
  app.openapi(update, async (c) => {
    const { tenantId, userId } = c.req.valid("param");
    return c.json(
      { data: await updateTenantUser({ ctx: c.get("ctx"), tenantId, userId, input: c.req.valid("json") }) },
      200,
    );
  });
  app.openapi(remove, async (c) => {
    const { tenantId, userId } = c.req.valid("param");
    await deleteTenantUser({ ctx: c.get("ctx"), tenantId, userId });
    return c.body(null, 204);
  });
}
