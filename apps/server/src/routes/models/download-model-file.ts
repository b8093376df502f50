import { openModelFile } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { sendFile } from "../../http/send-file.js";
import { versionParams } from "./params.js";

const route = defineRoute("model.file.download", {
  method: "get",
  path: "/model-versions/{versionId}/files/{path}",
  tags: ["Models"],
  summary: "Download one file of a version (HTTP Range supported; ETag is the file's sha256)",
  description:
    "`path` is the file's path URL-encoded as one segment (`tokenizer%2Fvocab.json`). `Range: bytes=start-end` answers 206 with `Content-Range`; a range outside the file answers 416.",
  request: { params: versionParams.extend({ path: z.string().min(1).max(1024) }) },
  responses: {
    200: { description: "The file", content: { "application/octet-stream": { schema: z.string() } } },
    206: {
      description: "The requested range",
      content: { "application/octet-stream": { schema: z.string() } },
    },
    416: { description: "Range not satisfiable" },
  },
});

export function registerDownloadModelFile(app: Api) {
  app.openapi(route, async (c) => {
    const { versionId, path } = c.req.valid("param");
    return (await sendFile(c, "application/octet-stream", async (pickRange) => {
      const file = await openModelFile({ ctx: c.get("ctx"), versionId, path, pickRange });
      return { ...file, name: file.path };
    })) as never;
  });
}
