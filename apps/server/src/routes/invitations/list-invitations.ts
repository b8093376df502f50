import { Invitation, InvitationListQuery, ListQuery, listOf } from "@infera/contracts";
import { listInvitations } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { tenantParams } from "./params.js";

const route = defineRoute("tenant.invitation.list", {
  method: "get",
  path: "/tenants/{tenantId}/invitations",
  tags: ["Invitations"],
  summary: "List invitations, newest first",
  description: "Filter by `status` (`expired` = pending past its expiry) and `q` (email).",
  request: { params: tenantParams, query: ListQuery.extend(InvitationListQuery.shape) },
  responses: { 200: listResponse(listOf(Invitation), "Invitations") },
});

export function registerListInvitations(app: Api) {
  app.openapi(route, async (c) => {
    const { tenantId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listInvitations({ ctx: c.get("ctx"), tenantId, query: { ...query, cursor, limit } }),
      "invitations",
    );
  });
}
