import { FineTuneJobArtifacts, single } from "@infera/contracts";
import { getFineTuneJobArtifacts } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.read", {
  method: "get",
  path: "/fine-tuning/jobs/{jobId}/artifacts",
  tags: ["Fine-tuning"],
  summary: "What a job produced: its output model version and that version's files, with download links",
  description:
    "`model_version_id` is null (and `files` empty) until the job succeeded. Each file's `download_url` is the model-version file route, which needs the model's download permission.",
  request: { params: jobParams },
  responses: { 200: jsonResponse(single(FineTuneJobArtifacts), "The artifacts") },
});

export function registerGetFineTuneJobArtifacts(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getFineTuneJobArtifacts({ ctx: c.get("ctx"), jobId: c.req.valid("param").jobId }) },
      200,
    ),
  );
}
