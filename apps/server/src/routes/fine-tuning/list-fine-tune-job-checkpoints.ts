import { FineTuneJobCheckpointList } from "@infera/contracts";
import { listFineTuneJobCheckpoints } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.read", {
  method: "get",
  path: "/fine-tuning/jobs/{jobId}/checkpoints",
  tags: ["Fine-tuning"],
  summary: "A job's checkpoints, and whether each is still in its workspace",
  description:
    "From the job's `checkpoint` events, oldest step first. `available` is false once the runtime pruned it (`checkpoint.keep_last`) or retention removed the job's workspace (`workspace_removed_at` on the job); only an available one can be downloaded from `…/checkpoints/{name}/download`.",
  request: { params: jobParams },
  responses: { 200: jsonResponse(FineTuneJobCheckpointList, "The checkpoints") },
});

export function registerListFineTuneJobCheckpoints(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await listFineTuneJobCheckpoints({ ctx: c.get("ctx"), jobId: c.req.valid("param").jobId }) },
      200,
    ),
  );
}
