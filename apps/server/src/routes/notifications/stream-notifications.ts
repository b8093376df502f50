import { NotificationStreamQuery } from "@infera/contracts";
import { followMyNotifications } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { answerEventStream, resumePoint } from "../../http/event-stream.js";

const route = defineRoute("notification.stream", {
  method: "get",
  path: "/me/notifications/stream",
  tags: ["Notifications"],
  summary: "Your new notifications as they happen (Server-Sent Events)",
  description:
    "`event: ready`, then one `event: notification` per notification (`id:` its seq, `data:` the notification as JSON), and `: keep-alive` comments. Starts after `?after=` (default: your newest, so only new ones follow); a reconnecting EventSource's `Last-Event-ID` wins, so nothing is missed or repeated. When the session is signed out or expires the stream sends `event: end` and closes. `?follow=false` sends what there is and ends.",
  request: { query: NotificationStreamQuery },
  responses: {
    200: { description: "The event stream", content: { "text/event-stream": { schema: z.string() } } },
  },
});

export function registerStreamNotifications(app: Api) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const header = c.req.header("last-event-id");
    const fromHeader = header !== undefined && /^\d{1,15}$/.test(header.trim());
    const feed = await followMyNotifications({
      ctx: c.get("ctx"),
      after: fromHeader ? resumePoint(header.trim(), query.after) : query.after,
      follow: query.follow !== "false",
    });
    // A bell can wait ten seconds when a wake-up is lost (LISTEN is best effort).
    return answerEventStream(c, feed, {
      after: feed.after,
      pollMs: 10_000,
      signal: c.get("shuttingDown"),
    }) as never;
  });
}
