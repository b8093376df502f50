import {
  type CreateWebhookInput,
  single,
  type UpdateWebhookInput,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from "@infera/contracts";
import type { z } from "zod";
import type { Transport } from "../http.js";
import { scopedListing, seg } from "../pagination.js";

export function webhooksApi(t: Transport) {
  const one = (webhookId: string) => `/webhooks/${seg(webhookId)}`;
  return {
    /** `list(projectId)`, `iterate(projectId)`, `exportCsv(projectId)`: a project's webhooks, newest first. */
    ...scopedListing<typeof Webhook>(t, (projectId) => `/projects/${seg(projectId)}/webhooks`, Webhook),
    /** Registers a webhook; the answer's `secret` is shown this once. */
    async create(projectId: string, input: z.input<typeof CreateWebhookInput>): Promise<WebhookWithSecret> {
      const path = `/projects/${seg(projectId)}/webhooks`;
      return (await t.json("POST", path, single(WebhookWithSecret), { body: input })).data;
    },
    async get(webhookId: string): Promise<Webhook> {
      return (await t.json("GET", one(webhookId), single(Webhook))).data;
    },
    /** Changes the URL, events or description, or enables / disables it. */
    async update(webhookId: string, input: z.input<typeof UpdateWebhookInput>): Promise<Webhook> {
      return (await t.json("PATCH", one(webhookId), single(Webhook), { body: input })).data;
    },
    async delete(webhookId: string): Promise<void> {
      await t.empty("DELETE", one(webhookId));
    },
    /** A new signing secret, shown this once. */
    async rotateSecret(webhookId: string): Promise<WebhookWithSecret> {
      return (await t.json("POST", `${one(webhookId)}/rotate-secret`, single(WebhookWithSecret))).data;
    },
    /** Sends a `ping` event now; answers the pending delivery. */
    async test(webhookId: string): Promise<WebhookDelivery> {
      return (await t.json("POST", `${one(webhookId)}/test`, single(WebhookDelivery))).data;
    },
    /** A webhook's deliveries, newest first: `deliveries.list(webhookId)`, `iterate`, `exportCsv`. */
    deliveries: {
      ...scopedListing<typeof WebhookDelivery>(
        t,
        (webhookId) => `${one(webhookId)}/deliveries`,
        WebhookDelivery,
      ),
      /** Sends the delivery's event again as a new delivery. */
      async redeliver(deliveryId: string): Promise<WebhookDelivery> {
        const path = `/webhook-deliveries/${seg(deliveryId)}/redeliver`;
        return (await t.json("POST", path, single(WebhookDelivery))).data;
      },
    },
  };
}
