import { FineTuneJobConfig, single } from "@infera/contracts";
import { getFineTuneJobConfig } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { jobParams } from "./params.js";

const route = defineRoute("fine_tuning.job.read", {
  method: "get",
  path: "/fine-tuning/jobs/{jobId}/config",
  tags: ["Fine-tuning"],
  summary: "Export a job's configuration as JSON (defaults filled in)",
  description:
    "`data` is the configuration as the job was created with it; post it to `/projects/{projectId}/fine-tuning/jobs` to import it as a new job.",
  request: { params: jobParams },
  responses: { 200: jsonResponse(single(FineTuneJobConfig), "The configuration") },
});

export function registerGetFineTuneJobConfig(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getFineTuneJobConfig({ ctx: c.get("ctx"), jobId: c.req.valid("param").jobId }) },
      200,
    ),
  );
}
