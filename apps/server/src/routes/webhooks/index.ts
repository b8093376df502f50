import type { Api } from "../../http/api.js";
import { registerCreateWebhook } from "./create-webhook.js";
import { registerDeleteWebhook } from "./delete-webhook.js";
import { registerGetWebhook } from "./get-webhook.js";
import { registerListWebhookDeliveries } from "./list-webhook-deliveries.js";
import { registerListWebhooks } from "./list-webhooks.js";
import { registerRedeliverWebhookDelivery } from "./redeliver-webhook-delivery.js";
import { registerRotateWebhookSecret } from "./rotate-webhook-secret.js";
import { registerTestWebhook } from "./test-webhook.js";
import { registerUpdateWebhook } from "./update-webhook.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerWebhookRoutes(app: Api) {
  registerListWebhooks(app);
  registerCreateWebhook(app);
  registerGetWebhook(app);
  registerUpdateWebhook(app);
  registerDeleteWebhook(app);
  registerRotateWebhookSecret(app);
  registerTestWebhook(app);
  registerListWebhookDeliveries(app);
  registerRedeliverWebhookDelivery(app);
}
