import { Invitation, single } from "@infera/contracts";
import { revokeInvitation } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, jsonResponse } from "../../http/define-route.js";
import { tenantParams } from "./params.js";

const invitationParams = tenantParams.extend({ invitationId: idParam("invitation id") });

const route = defineRoute("tenant.invitation.revoke", {
  method: "post",
  path: "/tenants/{tenantId}/invitations/{invitationId}/revoke",
  tags: ["Invitations"],
  summary: "Revoke an invitation: its link stops working",
  request: { params: invitationParams },
  responses: { 200: jsonResponse(single(Invitation), "Revoked") },
});

export function registerRevokeInvitation(app: Api) {
  app.openapi(route, async (c) => {
    const { tenantId, invitationId } = c.req.valid("param");
    return c.json({ data: await revokeInvitation({ ctx: c.get("ctx"), tenantId, invitationId }) }, 200);
  });
}
