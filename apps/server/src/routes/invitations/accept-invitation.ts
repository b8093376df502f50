import { AcceptedInvitation, AcceptInvitationInput, single } from "@infera/contracts";
import { acceptInvitation } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { tokenParams } from "./params.js";

const route = defineRoute("public", {
  method: "post",
  path: "/invitations/{token}/accept",
  tags: ["Invitations"],
  summary: "Public: accept an invitation (once)",
  description:
    "A new email needs `name` and `password` (the account is created). An existing account must be signed in, or give its `password`. Accepting twice answers 409; an expired link 412.",
  request: { params: tokenParams, body: jsonBody(AcceptInvitationInput) },
  responses: { 200: jsonResponse(single(AcceptedInvitation), "Accepted") },
});

export function registerAcceptInvitation(app: Api) {
  app.openapi(route, async (c) =>
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
