import { MarkNotificationsReadInput, MarkNotificationsReadResult, single } from "@infera/contracts";
import { markNotificationsRead } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("notification.mark_read", {
  method: "post",
  path: "/me/notifications/read",
  tags: ["Notifications"],
  summary: "Mark your notifications read: some ids, or all up to a seq",
  description:
    "Ids that are not yours are ignored like unknown ones. Not audited: it changes only what your own bell shows.",
  request: { body: jsonBody(MarkNotificationsReadInput) },
  responses: { 200: jsonResponse(single(MarkNotificationsReadResult), "What changed") },
});

export function registerMarkNotificationsRead(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await markNotificationsRead({ ctx: c.get("ctx"), input: c.req.valid("json") }) }, 200),
  );
}
