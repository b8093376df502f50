import { AuditAnchor, single } from "@infera/contracts";
import { anchorAuditChain } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("tenant.audit.anchor", {
  method: "post",
  path: "/tenants/{tenantId}/audit-events/anchor",
  tags: ["Audit"],
  summary: "Sign the tenant chain's head into the anchor file now",
  description:
    "Anchors are also written every few minutes and on shutdown. Refused (409) when the chain no longer extends its previous anchor.",
  request: { params: z.object({ tenantId: idParam("tenant id") }) },
  responses: { 201: jsonResponse(single(AuditAnchor), "The anchor written") },
});

export function registerAnchorAuditChain(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await anchorAuditChain({ ctx: c.get("ctx"), chain: c.req.valid("param").tenantId }) },
      201,
    ),
  );
}
