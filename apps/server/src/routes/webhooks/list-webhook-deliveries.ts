import { ListQuery, listOf, WebhookDelivery } from "@infera/contracts";
import { listWebhookDeliveries } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { webhookParams } from "./params.js";

const route = defineRoute("project.webhook.delivery.list", {
  method: "get",
  path: "/webhooks/{webhookId}/deliveries",
  tags: ["Webhooks"],
  summary: "A webhook's deliveries, newest first, with each attempt's outcome",
  request: { params: webhookParams, query: ListQuery },
  responses: { 200: listResponse(listOf(WebhookDelivery), "Deliveries") },
});

export function registerListWebhookDeliveries(app: Api) {
  app.openapi(route, async (c) => {
    const { webhookId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) =>
        listWebhookDeliveries({ ctx: c.get("ctx"), webhookId, query: { ...query, cursor, limit } }),
      "webhook-deliveries",
    );
  });
}
