import { Readable } from "node:stream";
import { downloadFineTuneJobLog } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.read", {
  method: "get",
  path: "/fine-tuning/jobs/{jobId}/logs",
  tags: ["Fine-tuning"],
  summary: "Download a job's log as a text file: log lines, state changes and its failure",
  description:
    "Oldest first, one line each: `time level [source] message`, `time state from -> to (reason)`, `time error [reason] message (suggestion: …)`. `?level=warn` keeps warnings and errors (state changes and the failure always show); `?q=` keeps lines containing the text. For the entries as JSON, or to follow them live, use `GET …/events?type=log,status,failed`.",
  request: {
    params: jobParams,
    query: z.object({
      level: z.enum(["debug", "info", "warn", "error"]).optional(),
      q: z.string().max(200).optional(),
    }),
  },
  responses: {
    200: { description: "The log", content: { "text/plain": { schema: z.string() } } },
  },
});

export function registerDownloadFineTuneJobLog(app: Api) {
  app.openapi(route, async (c) => {
    const { level, q } = c.req.valid("query");
    const log = await downloadFineTuneJobLog({
      ctx: c.get("ctx"),
      jobId: c.req.valid("param").jobId,
      level,
      q,
    });
    return c.body(Readable.toWeb(log.stream) as unknown as ReadableStream, 200, {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${log.name}"`,
    }) as never;
  });
}
