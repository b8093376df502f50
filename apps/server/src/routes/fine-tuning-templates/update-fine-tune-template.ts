import { FineTuneTemplate, single, UpdateFineTuneTemplateInput } from "@infera/contracts";
import { updateFineTuneTemplate } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { templateParams } from "./params.js";

const route = defineRoute("fine_tuning.template.update", {
  method: "patch",
  path: "/fine-tuning/templates/{templateId}",
  tags: ["Fine-tuning"],
  summary: "Rename a template, change its description, or replace its configuration",
  description:
    "Omitted fields stay as they are; a `config` replaces the whole configuration (checked like a create). Jobs already made from the template keep theirs.",
  request: { params: templateParams, body: jsonBody(UpdateFineTuneTemplateInput) },
  responses: { 200: jsonResponse(single(FineTuneTemplate), "The template after the change") },
});

export function registerUpdateFineTuneTemplate(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateFineTuneTemplate({
          ctx: c.get("ctx"),
          templateId: c.req.valid("param").templateId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
