import { single, Webhook } from "@infera/contracts";
import { getWebhook } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { webhookParams } from "./params.js";

const route = defineRoute("project.webhook.read", {
  method: "get",
  path: "/webhooks/{webhookId}",
  tags: ["Webhooks"],
  summary: "Read a webhook (never its secret)",
  request: { params: webhookParams },
  responses: { 200: jsonResponse(single(Webhook), "The webhook") },
});

export function registerGetWebhook(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getWebhook({ ctx: c.get("ctx"), webhookId: c.req.valid("param").webhookId }) }, 200),
  );
}
