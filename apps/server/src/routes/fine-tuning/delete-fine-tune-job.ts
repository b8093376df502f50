import { deleteFineTuneJob } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.delete", {
  method: "delete",
  path: "/fine-tuning/jobs/{jobId}",
  tags: ["Fine-tuning"],
  summary: "Delete a finished job and its timeline (a model version it registered stays)",
  description:
    "A job that is queued, starting, running or canceling answers 409 `conflict`: cancel it first.",
  request: { params: jobParams },
  responses: noContent,
});

export function registerDeleteFineTuneJob(app: Api) {
  app.openapi(route, async (c) => {
    await deleteFineTuneJob({ ctx: c.get("ctx"), jobId: c.req.valid("param").jobId });
    return c.body(null, 204);
  });
}
