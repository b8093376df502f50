import { single, WebhookWithSecret } from "@infera/contracts";
import { rotateWebhookSecret } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { webhookParams } from "./params.js";

const route = defineRoute("project.webhook.rotate_secret", {
  method: "post",
  path: "/webhooks/{webhookId}/rotate-secret",
  tags: ["Webhooks"],
  summary: "Replace a webhook's signing secret; the new one is in the answer, shown this once",
  request: { params: webhookParams },
  responses: { 200: jsonResponse(single(WebhookWithSecret), "The webhook with its new secret") },
});

export function registerRotateWebhookSecret(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      { data: await rotateWebhookSecret({ ctx: c.get("ctx"), webhookId: c.req.valid("param").webhookId }) },
      200,
    ),
  );
}
