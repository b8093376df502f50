import { CreateInvitationsInput, CreateInvitationsResult } from "@infera/contracts";
import { createInvitations } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { tenantParams } from "./params.js";

const route = defineRoute("tenant.invitation.create", {
  method: "post",
  path: "/tenants/{tenantId}/invitations",
  tags: ["Invitations"],
  summary: "Invite a batch of emails; each accept link is shown once",
  description:
    "`emails` is a list, or one string split on commas, semicolons, spaces and new lines. Invalid addresses, existing users and addresses with a pending invitation come back in `skipped` with the reason.",
  request: { params: tenantParams, body: jsonBody(CreateInvitationsInput) },
  responses: { 201: jsonResponse(CreateInvitationsResult, "Created (tokens and links shown only now)") },
});

export function registerCreateInvitations(app: Api) {
  app.openapi(route, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(
      await createInvitations({
        ctx: c.get("ctx"),
        tenantId: c.req.valid("param").tenantId,
        input: c.req.valid("json"),
      }),
      201,
    );
  });
}
