import { Readable } from "node:stream";
import { ServiceLogList, ServiceLogsQuery } from "@infera/contracts";
import { downloadServiceLogs, followServiceLogs, listServiceLogs } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { answerEventStream, resumePoint } from "../../http/event-stream.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.log.read", {
  method: "get",
  path: "/services/{serviceId}/logs",
  tags: ["Services"],
  summary: "A service's replica logs: a page as JSON, live as Server-Sent Events, or a text file",
  description:
    "Every line the service's replicas wrote, shipped from each node by its worker, with its replica, revision number, time and level; filtered by `revision` (number), `replica`, `level` (and above), `since`/`until` and `q` (text) in every form. JSON: oldest first after `?after=` (`next_after` continues), or the newest `limit` lines with `tail=true` / before `?before=` (`prev_before` pages back). With `Accept: text/event-stream`: `event: ready`, one `event: log` per line (`id:` its seq), `: keep-alive` comments; a reconnecting EventSource's `Last-Event-ID` wins over `?after=`. `download=true`: the matching lines as a text file, `time level [replica rN] line`. Viewers of a Prod project whose env policy `viewers_cannot_view_logs` is on get 403 `forbidden` with `details.policy` naming it.",
  request: { params: serviceParams, query: ServiceLogsQuery },
  responses: {
    200: {
      description: "The lines",
      content: {
        "application/json": { schema: ServiceLogList },
        "text/event-stream": { schema: z.string() },
        "text/plain": { schema: z.string() },
      },
    },
  },
});

export function registerGetServiceLogs(app: Api) {
  app.openapi(route, async (c) => {
    const { serviceId } = c.req.valid("param");
    const query = c.req.valid("query");
    const ctx = c.get("ctx");
    if (query.download === "true") {
      const log = await downloadServiceLogs({ ctx, serviceId, filters: query });
      return c.body(Readable.toWeb(log.stream) as unknown as ReadableStream, 200, {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="${log.name}"`,
      }) as never;
    }
    if (!(c.req.header("accept") ?? "").includes("text/event-stream"))
      return c.json(await listServiceLogs({ ctx, serviceId, query }), 200);
    const header = c.req.header("last-event-id")?.trim();
    const feed = await followServiceLogs({
      ctx,
      serviceId,
      after:
        header !== undefined && /^\d{1,15}$/.test(header) ? resumePoint(header, query.after) : query.after,
      filters: query,
      follow: query.follow !== "false",
    });
    return answerEventStream(c, feed, {
      after: feed.after,
      pollMs: 2_000,
      signal: c.get("shuttingDown"),
    }) as never;
  });
}
