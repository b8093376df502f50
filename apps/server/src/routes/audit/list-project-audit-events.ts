import { AuditEvent, listOf } from "@infera/contracts";
import { listAuditEvents } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { auditQuery } from "./params.js";

const route = defineRoute("project.audit.list", {
  method: "get",
  path: "/projects/{projectId}/audit-events",
  tags: ["Audit"],
  summary: "Audit events of a project, newest first",
  request: { params: z.object({ projectId: idParam("project id") }), query: auditQuery },
  responses: { 200: listResponse(listOf(AuditEvent), "Events") },
});

export function registerListProjectAuditEvents(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const q = c.req.valid("query");
    return respondList(
      c,
      q,
      (cursor, limit) =>
        listAuditEvents({ ctx: c.get("ctx"), scope: { projectId }, query: { ...q, cursor, limit } }),
      "audit-events",
    );
  });
}
