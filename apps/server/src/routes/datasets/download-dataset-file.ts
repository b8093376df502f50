import { openDatasetFile } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { sendFile } from "../../http/send-file.js";
import { versionParams } from "./params.js";

const jsonl = { description: "JSONL", content: { "application/x-ndjson": { schema: z.string() } } };

const route = defineRoute("dataset.version.download", {
  method: "get",
  path: "/dataset-versions/{versionId}/download",
  tags: ["Datasets"],
  summary: "Download a file of a version (HTTP Range supported; ETag is the file's sha256)",
  description:
    "`?file=<name>` names the file; it may be left out when the version has one file. `Range: bytes=start-end` answers 206 with `Content-Range`; a range outside the file answers 416.",
  request: { params: versionParams, query: z.object({ file: z.string().min(1).max(512).optional() }) },
  responses: {
    200: jsonl,
    206: { description: "The requested range", content: { "application/x-ndjson": { schema: z.string() } } },
    416: { description: "Range not satisfiable" },
  },
});

export function registerDownloadDatasetFile(app: Api) {
  app.openapi(route, async (c) => {
    const { versionId } = c.req.valid("param");
    const name = c.req.valid("query").file;
    return (await sendFile(c, "application/x-ndjson", (pickRange) =>
      openDatasetFile({ ctx: c.get("ctx"), versionId, name, pickRange }),
    )) as never;
  });
}
