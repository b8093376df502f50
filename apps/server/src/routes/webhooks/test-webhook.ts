import { single, WebhookDelivery } from "@infera/contracts";
import { testWebhook } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { webhookParams } from "./params.js";

const route = defineRoute("project.webhook.test", {
  method: "post",
  path: "/webhooks/{webhookId}/test",
  tags: ["Webhooks"],
  summary: "Send a `ping` event to the webhook now (a delivery like any other, in its log)",
  request: { params: webhookParams },
  responses: { 202: jsonResponse(single(WebhookDelivery), "The delivery, pending") },
});

export function registerTestWebhook(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await testWebhook({ ctx: c.get("ctx"), webhookId: c.req.valid("param").webhookId }) },
      202,
    ),
  );
}
