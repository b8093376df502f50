import { single, WebhookDelivery } from "@infera/contracts";
import { redeliverWebhookDelivery } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { deliveryParams } from "./params.js";

const route = defineRoute("project.webhook.delivery.redeliver", {
  method: "post",
  path: "/webhook-deliveries/{deliveryId}/redeliver",
  tags: ["Webhooks"],
  summary: "Send a delivery's event again, as a new delivery with its own attempts",
  request: { params: deliveryParams },
  responses: { 202: jsonResponse(single(WebhookDelivery), "The new delivery, pending") },
});

export function registerRedeliverWebhookDelivery(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await redeliverWebhookDelivery({
          ctx: c.get("ctx"),
          deliveryId: c.req.valid("param").deliveryId,
        }),
      },
      202,
    ),
  );
}
