import { FineTuneTemplate, single } from "@infera/contracts";
import { getFineTuneTemplate } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { templateParams } from "./params.js";

const route = defineRoute("fine_tuning.template.read", {
  method: "get",
  path: "/fine-tuning/templates/{templateId}",
  tags: ["Fine-tuning"],
  summary: "Read a fine-tuning job template",
  request: { params: templateParams },
  responses: { 200: jsonResponse(single(FineTuneTemplate), "The template") },
});

export function registerGetFineTuneTemplate(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await getFineTuneTemplate({ ctx: c.get("ctx"), templateId: c.req.valid("param").templateId }) },
      200,
    ),
  );
}
