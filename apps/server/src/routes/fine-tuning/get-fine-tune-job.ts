import { FineTuneJobDetail, single } from "@infera/contracts";
import { getFineTuneJob } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.read", {
  method: "get",
  path: "/fine-tuning/jobs/{jobId}",
  tags: ["Fine-tuning"],
  summary: "Read a job: configuration, resolved ids, status, failure and its timeline of transitions",
  request: { params: jobParams },
  responses: { 200: jsonResponse(single(FineTuneJobDetail), "The job") },
});

export function registerGetFineTuneJob(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getFineTuneJob({ ctx: c.get("ctx"), jobId: c.req.valid("param").jobId }) }, 200),
  );
}
