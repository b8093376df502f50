import { FineTuneJobDetail, single } from "@infera/contracts";
import { retryFineTuneJob } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.retry", {
  method: "post",
  path: "/fine-tuning/jobs/{jobId}/retry",
  tags: ["Fine-tuning"],
  summary: "Queue a failed or canceled job again (same id and configuration, next attempt)",
  description:
    "The attempt counts up and the failure is cleared; the next run resumes from the job's last checkpoint when one was kept. Any other status answers 409 `conflict`.",
  request: { params: jobParams },
  responses: { 200: jsonResponse(single(FineTuneJobDetail), "The job, queued again") },
});

export function registerRetryFineTuneJob(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await retryFineTuneJob({ ctx: c.get("ctx"), jobId: c.req.valid("param").jobId }) }, 200),
  );
}
