import { listOf, Notification, NotificationListQuery } from "@infera/contracts";
import { listMyNotifications } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";

const route = defineRoute("notification.list", {
  method: "get",
  path: "/me/notifications",
  tags: ["Notifications"],
  summary: "Your notifications, newest first",
  description:
    "Only the signed-in person's own; a service account gets 403. `kind` is a closed list and `params` holds what a client puts into that kind's sentence (the console translates it).",
  request: { query: NotificationListQuery },
  responses: { 200: listResponse(listOf(Notification), "Notifications") },
});

export function registerListNotifications(app: Api) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listMyNotifications({ ctx: c.get("ctx"), query: { ...query, cursor, limit } }),
      "notifications",
    );
  });
}
