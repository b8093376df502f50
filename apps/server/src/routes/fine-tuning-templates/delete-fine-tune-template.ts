import { deleteFineTuneTemplate } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { templateParams } from "./params.js";

const route = defineRoute("fine_tuning.template.delete", {
  method: "delete",
  path: "/fine-tuning/templates/{templateId}",
  tags: ["Fine-tuning"],
  summary: "Delete a template (jobs made from it keep their configuration)",
  request: { params: templateParams },
  responses: noContent,
});

export function registerDeleteFineTuneTemplate(app: Api) {
  app.openapi(route, async (c) => {
    await deleteFineTuneTemplate({ ctx: c.get("ctx"), templateId: c.req.valid("param").templateId });
    return c.body(null, 204);
  });
}
