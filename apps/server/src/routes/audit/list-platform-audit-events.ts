import { AuditEvent, listOf } from "@infera/contracts";
import { listAuditEvents } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { auditQuery } from "./params.js";

// The platform chain (sign-ins, users, system models): its own actions, decided for the platform admin.
const route = defineRoute("platform.audit.list", {
  method: "get",
  path: "/tenants/platform/audit-events",
  tags: ["Audit"],
  summary: "Audit events of the platform chain (sign-ins, users, system models), newest first",
  description: "The same filters and export as a tenant's list. Platform admins only.",
  request: { query: auditQuery },
  responses: { 200: listResponse(listOf(AuditEvent), "Events") },
});

export function registerListPlatformAuditEvents(app: Api) {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    return respondList(
      c,
      q,
      (cursor, limit) =>
        listAuditEvents({
          ctx: c.get("ctx"),
          scope: { tenantId: "platform" },
          query: { ...q, cursor, limit },
        }),
      "audit-events",
    );
  });
}
