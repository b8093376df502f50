import { AuditEvent, single } from "@infera/contracts";
import { getAuditEvent } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, idParam, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("audit.event.read", {
  method: "get",
  path: "/audit-events/{eventId}",
  tags: ["Audit"],
  summary: "One audit event with its before and after",
  request: { params: z.object({ eventId: idParam("audit event id") }) },
  responses: { 200: jsonResponse(single(AuditEvent), "The event") },
});

export function registerGetAuditEvent(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getAuditEvent({ ctx: c.get("ctx"), eventId: c.req.valid("param").eventId }) }, 200),
  );
}
