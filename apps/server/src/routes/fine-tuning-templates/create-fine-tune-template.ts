import { CreateFineTuneTemplateInput, FineTuneTemplate, single } from "@infera/contracts";
import { createFineTuneTemplate } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("fine_tuning.template.create", {
  method: "post",
  path: "/projects/{projectId}/fine-tuning/templates",
  tags: ["Fine-tuning"],
  summary: "Save a fine-tuning job configuration as a template",
  description:
    "`config` is what `POST …/fine-tuning/jobs` takes, less the job's `name` (a job's `GET /fine-tuning/jobs/{jobId}/config` less `name` saves that job as a template); it is checked with the same rules and kept as given. What it names (models, dataset versions, resource class) is resolved when a job is created from it. A name another template of the project has (ignoring case) answers 409 `conflict` with `details.reason` `template_name_taken`.",
  request: { params: projectParams, body: jsonBody(CreateFineTuneTemplateInput) },
  responses: { 201: jsonResponse(single(FineTuneTemplate), "The template") },
});

export function registerCreateFineTuneTemplate(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createFineTuneTemplate({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
