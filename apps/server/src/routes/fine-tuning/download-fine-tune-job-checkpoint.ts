import { Readable } from "node:stream";
import { downloadFineTuneJobCheckpoint } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { checkpointParams } from "./params.js";

const route = defineRoute("fine_tuning.job.read", {
  method: "get",
  path: "/fine-tuning/jobs/{jobId}/checkpoints/{name}/download",
  tags: ["Fine-tuning"],
  summary: "Download one checkpoint's folder as a tar archive",
  description:
    'A tar stream of the checkpoint folder (`<name>/weights.safetensors`, `optimizer.safetensors`, `state.json`, …), read from the job\'s workspace as it is sent. A checkpoint that was pruned or removed by retention answers 404 with `details.reason: "checkpoint_removed"`.',
  request: { params: checkpointParams },
  responses: {
    200: {
      description: "The checkpoint as a tar archive",
      content: { "application/x-tar": { schema: z.string().openapi({ format: "binary" }) } },
    },
  },
});

export function registerDownloadFineTuneJobCheckpoint(app: Api) {
  app.openapi(route, async (c) => {
    const { jobId, name } = c.req.valid("param");
    const download = await downloadFineTuneJobCheckpoint({ ctx: c.get("ctx"), jobId, name });
    return c.body(Readable.toWeb(download.stream) as unknown as ReadableStream, 200, {
      "Content-Type": "application/x-tar",
      "Content-Disposition": `attachment; filename="${download.fileName}"`,
    }) as never;
  });
}
