import { AuditEvent, listOf } from "@infera/contracts";
import { listAuditEvents } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { auditQuery } from "./params.js";

const route = defineRoute("tenant.audit.list", {
  method: "get",
  path: "/tenants/{tenantId}/audit-events",
  tags: ["Audit"],
  summary: "Audit events of a tenant, newest first",
  description:
    "Filters: from/to (RFC 3339), actor_type, actor_id, actor (email), action (exact or prefix ending in `.` or `*`), resource_type, resource_id, project_id, q. Export with format=csv.",
  request: { params: z.object({ tenantId: idParam("tenant id") }), query: auditQuery },
  responses: { 200: listResponse(listOf(AuditEvent), "Events") },
});

export function registerListTenantAuditEvents(app: Api) {
  app.openapi(route, async (c) => {
    const { tenantId } = c.req.valid("param");
    const q = c.req.valid("query");
    return respondList(
      c,
      q,
      (cursor, limit) =>
        listAuditEvents({ ctx: c.get("ctx"), scope: { tenantId }, query: { ...q, cursor, limit } }),
      "audit-events",
    );
  });
}
