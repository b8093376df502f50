import { AuditAnchor, single } from "@infera/contracts";
import { anchorAuditChain } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("platform.audit.anchor", {
  method: "post",
  path: "/tenants/platform/audit-events/anchor",
  tags: ["Audit"],
  summary: "Sign the platform chain's head into the anchor file now",
  responses: { 201: jsonResponse(single(AuditAnchor), "The anchor written") },
});

export function registerAnchorPlatformAuditChain(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await anchorAuditChain({ ctx: c.get("ctx"), chain: "platform" }) }, 201),
  );
}
