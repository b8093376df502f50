import { AuditVerifyResult, single } from "@infera/contracts";
import { verifyAuditChain } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("tenant.audit.verify", {
  method: "get",
  path: "/tenants/{tenantId}/audit-events/verify",
  tags: ["Audit"],
  summary: "Recompute the tenant's hash chain and compare it with its latest signed anchor",
  request: { params: z.object({ tenantId: idParam("tenant id") }) },
  responses: { 200: jsonResponse(single(AuditVerifyResult), "Verification result") },
});

export function registerVerifyAuditChain(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await verifyAuditChain({ ctx: c.get("ctx"), tenantId: c.req.valid("param").tenantId }) },
      200,
    ),
  );
}
