import { CloneFineTuneJobInput, FineTuneJobDetail, single } from "@infera/contracts";
import { cloneFineTuneJob } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.create", {
  method: "post",
  path: "/fine-tuning/jobs/{jobId}/clone",
  tags: ["Fine-tuning"],
  summary: "A new queued job from this job's configuration, with optional overrides",
  description:
    "The body holds configuration fields to replace (`{}` clones as is); a nested object such as `lora` or `output` replaces the source's whole object. Tags are resolved again, so `latest` may now be a newer version; give `base_model: {version_id}` to pin the source's. The new job lives in the source's project.",
  request: { params: jobParams, body: jsonBody(CloneFineTuneJobInput) },
  responses: { 201: jsonResponse(single(FineTuneJobDetail), "The new queued job") },
});

export function registerCloneFineTuneJob(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await cloneFineTuneJob({
          ctx: c.get("ctx"),
          jobId: c.req.valid("param").jobId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
