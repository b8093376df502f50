import { Readable } from "node:stream";
import { openNormalizedDataset } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { versionParams } from "./params.js";

const route = defineRoute("dataset.version.download", {
  method: "get",
  path: "/dataset-versions/{versionId}/normalized",
  tags: ["Datasets"],
  summary: "Download a version's records as normalized JSONL (the internal form the trainer reads)",
  description:
    "Every valid record of the version, one JSON object a line, in the internal form of its format: `{messages, tools?}` (chat; Alpaca and ShareGPT become this), `{prompt, completion}`, `{text}` or `{prompt?, chosen, rejected}` (preference). Converted while it streams from the stored files with the version's shape, containers and column mapping: no Range, no Content-Length; `X-Infera-Rows` says how many lines to expect. The original files: `/download`.",
  request: { params: versionParams },
  responses: {
    200: { description: "JSONL", content: { "application/x-ndjson": { schema: z.string() } } },
  },
});

export function registerDownloadNormalizedDataset(app: Api) {
  app.openapi(route, async (c) => {
    const r = await openNormalizedDataset({ ctx: c.get("ctx"), versionId: c.req.valid("param").versionId });
    return c.body(Readable.toWeb(r.stream) as unknown as ReadableStream, 200, {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${r.name}"`,
      "X-Infera-Rows": String(r.rows),
    }) as never;
  });
}
