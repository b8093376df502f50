import { CreateTenantUserInput, TenantUserAdded, TenantUserInvited } from "@infera/contracts";
import { createTenantUser } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { tenantParams } from "./params.js";

const route = defineRoute("tenant.user.create", {
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

export function registerCreateTenantUser(app: Api) {
  app.openapi(route, async (c) => {
    const result = await createTenantUser({
      ctx: c.get("ctx"),
      tenantId: c.req.valid("param").tenantId,
      input: c.req.valid("json"),
    });
    if (result.outcome === "added") return c.json(result, 201);
    c.header("Cache-Control", "no-store");
    return c.json(result, 202);
  });
}
