import { FineTuneJobDetail, single } from "@infera/contracts";
import { cancelFineTuneJob } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.cancel", {
  method: "post",
  path: "/fine-tuning/jobs/{jobId}/cancel",
  tags: ["Fine-tuning"],
  summary: "Cancel a job: queued or starting → canceled; running → canceling (it stops with a checkpoint)",
  description: "A job that is already canceling or has finished answers 409 `conflict` with its `status`.",
  request: { params: jobParams },
  responses: { 200: jsonResponse(single(FineTuneJobDetail), "The job after the transition") },
});

export function registerCancelFineTuneJob(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await cancelFineTuneJob({ ctx: c.get("ctx"), jobId: c.req.valid("param").jobId }) }, 200),
  );
}
