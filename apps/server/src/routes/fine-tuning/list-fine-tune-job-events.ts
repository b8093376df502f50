import { FineTuneJobEventList, FineTuneJobEventsQuery } from "@infera/contracts";
import { followFineTuneJobEvents, listFineTuneJobEvents } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { answerEventStream, resumePoint } from "../../http/event-stream.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.read", {
  method: "get",
  path: "/fine-tuning/jobs/{jobId}/events",
  tags: ["Fine-tuning"],
  summary:
    "A job's event log: state changes, progress, metrics, checkpoints, artifacts and logs (JSON, or live as Server-Sent Events)",
  description:
    "JSON: a page of events oldest first after `?after=` (`next_after` continues). With `Accept: text/event-stream`: `event: ready`, then one SSE event per entry, named by its type (`id:` its seq, `data:` the entry as JSON), `: keep-alive` comments, and `event: end` once the job has finished and everything was sent. A reconnecting EventSource's `Last-Event-ID` wins over `?after=`, so nothing is missed or repeated. `?type=metrics` (or `log,status`…) keeps only those types in either form.",
  request: { params: jobParams, query: FineTuneJobEventsQuery },
  responses: {
    200: {
      description: "The events",
      content: {
        "application/json": { schema: FineTuneJobEventList },
        "text/event-stream": { schema: z.string() },
      },
    },
  },
});

export function registerListFineTuneJobEvents(app: Api) {
  app.openapi(route, async (c) => {
    const { jobId } = c.req.valid("param");
    const query = c.req.valid("query");
    const ctx = c.get("ctx");
    if (!(c.req.header("accept") ?? "").includes("text/event-stream"))
      return c.json(await listFineTuneJobEvents({ ctx, jobId, query }), 200);
    const header = c.req.header("last-event-id")?.trim();
    const feed = await followFineTuneJobEvents({
      ctx,
      jobId,
      after:
        header !== undefined && /^\d{1,15}$/.test(header) ? resumePoint(header, query.after) : query.after,
      types: query.type,
      follow: query.follow !== "false",
    });
    // The curves are live: a lost wake-up costs at most a second.
    return answerEventStream(c, feed, {
      after: feed.after,
      pollMs: 1_000,
      signal: c.get("shuttingDown"),
    }) as never;
  });
}
