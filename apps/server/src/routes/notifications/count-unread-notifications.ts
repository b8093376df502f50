import { single, UnreadNotifications } from "@infera/contracts";
import { countMyUnread } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";

const route = defineRoute("notification.list", {
  method: "get",
  path: "/me/notifications/unread-count",
  tags: ["Notifications"],
  summary: "How many of your notifications are unread, and the seq of the newest",
  responses: { 200: jsonResponse(single(UnreadNotifications), "The count") },
});

export function registerCountUnreadNotifications(app: Api) {
  app.openapi(route, async (c) => c.json({ data: await countMyUnread({ ctx: c.get("ctx") }) }, 200));
}
