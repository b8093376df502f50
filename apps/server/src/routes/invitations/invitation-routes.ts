import {
  AcceptedInvitation,
  AcceptInvitationInput,
  CreateInvitationsInput,
  CreateInvitationsResult,
  Invitation,
  InvitationListQuery,
  InvitationPreview,
  ListQuery,
  listOf,
  single,
} from "@infera/contracts";
import {
  acceptInvitation,
  createInvitations,
  getInvitationPreview,
  listInvitations,
  revokeInvitation,
} from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, jsonBody, jsonResponse, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const tenantParams = z.object({ tenantId: idParam("tenant id") });
const invitationParams = tenantParams.extend({ invitationId: idParam("invitation id") });
const tokenParams = z.object({
  token: z.string().min(1).max(200).describe("the token of the invitation link"),
});

const list = defineRoute("tenant.invitation.list", {
  method: "get",
  path: "/tenants/{tenantId}/invitations",
  tags: ["Invitations"],
  summary: "List invitations, newest first",
  description: "Filter by `status` (`expired` = pending past its expiry) and `q` (email).",
  request: { params: tenantParams, query: ListQuery.extend(InvitationListQuery.shape) },
  responses: { 200: listResponse(listOf(Invitation), "Invitations") },
});

const create = defineRoute("tenant.invitation.create", {
  method: "post",
  path: "/tenants/{tenantId}/invitations",
  tags: ["Invitations"],
  summary: "Invite a batch of emails; each accept link is shown once",
  description:
    "`emails` is a list, or one string split on commas, semicolons, spaces and new lines. Invalid addresses, existing users and addresses with a pending invitation come back in `skipped` with the reason.",
  request: { params: tenantParams, body: jsonBody(CreateInvitationsInput) },
  responses: { 201: jsonResponse(CreateInvitationsResult, "Created (tokens and links shown only now)") },
});

const revoke = defineRoute("tenant.invitation.revoke", {
  method: "post",
  path: "/tenants/{tenantId}/invitations/{invitationId}/revoke",
  tags: ["Invitations"],
  summary: "Revoke an invitation: its link stops working",
  request: { params: invitationParams },
  responses: { 200: jsonResponse(single(Invitation), "Revoked") },
});

const preview = defineRoute("public", {
  method: "get",
  path: "/invitations/{token}",
  tags: ["Invitations"],
  summary: "Public: what an invitation link is for (tenant, email, role, expiry)",
  request: { params: tokenParams },
  responses: { 200: jsonResponse(single(InvitationPreview), "The invitation") },
});

const accept = defineRoute("public", {
  method: "post",
  path: "/invitations/{token}/accept",
  tags: ["Invitations"],
  summary: "Public: accept an invitation (once)",
  description:
    "A new email needs `name` and `password` (the account is created). An existing account must be signed in, or give its `password`. Accepting twice answers 409; an expired link 412.",
  request: { params: tokenParams, body: jsonBody(AcceptInvitationInput) },
  responses: { 200: jsonResponse(single(AcceptedInvitation), "Accepted") },
});

export function registerInvitationRoutes(app: Api) {
  app.openapi(list, async (c) => {
    const { tenantId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listInvitations({ ctx: c.get("ctx"), tenantId, query: { ...query, cursor, limit } }),
      "invitations",
    );
  });
  app.openapi(create, async (c) => {
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
  app.openapi(revoke, async (c) => {
    const { tenantId, invitationId } = c.req.valid("param");
    return c.json({ data: await revokeInvitation({ ctx: c.get("ctx"), tenantId, invitationId }) }, 200);
  });
  app.openapi(preview, async (c) =>
    c.json(
      { data: await getInvitationPreview({ ctx: c.get("ctx"), token: c.req.valid("param").token }) },
      200,
    ),
  );
  app.openapi(accept, async (c) =>
    c.json(
      {
        data: await acceptInvitation({
          ctx: c.get("ctx"),
          token: c.req.valid("param").token,
          input: c.req.valid("json"),
          throttle: c.get("throttle"),
        }),
      },
      200,
    ),
  );
}
