import { InvitationPreview, single } from "@infera/contracts";
import { getInvitationPreview } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { tokenParams } from "./params.js";

const route = defineRoute("public", {
  method: "get",
  path: "/invitations/{token}",
  tags: ["Invitations"],
  summary: "Public: what an invitation link is for (tenant, email, role, expiry)",
  request: { params: tokenParams },
  responses: { 200: jsonResponse(single(InvitationPreview), "The invitation") },
});

export function registerGetInvitationPreview(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getInvitationPreview({ ctx: c.get("ctx"), token: c.req.valid("param").token }) },
      200,
    ),
  );
}
