import { deleteWebhook } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { webhookParams } from "./params.js";

const route = defineRoute("project.webhook.delete", {
  method: "delete",
  path: "/webhooks/{webhookId}",
  tags: ["Webhooks"],
  summary: "Delete a webhook and its delivery log",
  request: { params: webhookParams },
  responses: noContent,
});

export function registerDeleteWebhook(app: Api) {
  app.openapi(route, async (c) => {
    await deleteWebhook({ ctx: c.get("ctx"), webhookId: c.req.valid("param").webhookId });
    return c.body(null, 204);
  });
}
