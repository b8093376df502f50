import { AuditVerifyResult, single } from "@infera/contracts";
import { verifyAuditChain } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("platform.audit.verify", {
  method: "get",
  path: "/tenants/platform/audit-events/verify",
  tags: ["Audit"],
  summary: "Recompute the platform hash chain and compare it with its latest anchor",
  responses: { 200: jsonResponse(single(AuditVerifyResult), "Verification result") },
});

export function registerVerifyPlatformAuditChain(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await verifyAuditChain({ ctx: c.get("ctx"), tenantId: "platform" }) }, 200),
  );
}
