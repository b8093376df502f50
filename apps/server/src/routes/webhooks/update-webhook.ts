import { single, UpdateWebhookInput, Webhook } from "@infera/contracts";
import { updateWebhook } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { webhookParams } from "./params.js";

const route = defineRoute("project.webhook.update", {
  method: "patch",
  path: "/webhooks/{webhookId}",
  tags: ["Webhooks"],
  summary: "Change a webhook's URL, events or description, or enable / disable it",
  request: { params: webhookParams, body: jsonBody(UpdateWebhookInput) },
  responses: { 200: jsonResponse(single(Webhook), "The webhook after the change") },
});

export function registerUpdateWebhook(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await updateWebhook({
          ctx: c.get("ctx"),
          webhookId: c.req.valid("param").webhookId,
          input: c.req.valid("json"),
        }),
      },
      200,
    ),
  );
}
