import { CreateFineTuneJobInput, FineTuneJobValidation, single } from "@infera/contracts";
import { validateFineTuneJob } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("fine_tuning.job.create", {
  method: "post",
  path: "/projects/{projectId}/fine-tuning/jobs/validate",
  tags: ["Fine-tuning"],
  summary: "Dry run of a submission: what it resolves to, the estimate and warnings; nothing is created",
  description:
    "The same body (a `template_id` included), checks and errors as submitting the job (`POST …/fine-tuning/jobs`), with nothing written. Answers the configuration as it would be stored (defaults and the base model's recommendations filled in), the ids it resolved (a tag's version), an estimate (training and validation records, steps, tokens per epoch, and a duration and cost from the pace of the last jobs that succeeded on the same runtime and resource class, null until there is one) and warnings that do not stop the job (records longer than `max_length`, a tiny dataset, a batch larger than the data, very few steps).",
  request: { params: projectParams, body: jsonBody(CreateFineTuneJobInput) },
  responses: { 200: jsonResponse(single(FineTuneJobValidation), "What the job would be") },
});

export function registerValidateFineTuneJob(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await validateFineTuneJob({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
          given: (await c.req.json()) as Record<string, unknown>,
        }),
      },
      200,
    ),
  );
}
