import { z } from "zod";
import { freeText, Timestamp } from "./common.js";

/** The events a webhook may subscribe to (`ping` is sent by the test button only). */
export const WebhookEventType = z.enum([
  "fine_tuning.job.started",
  "fine_tuning.job.succeeded",
  "fine_tuning.job.failed",
  "fine_tuning.job.canceled",
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;
export const WEBHOOK_EVENT_TYPES = WebhookEventType.options;

/** An http(s) URL of at most 2,048 characters: where the POSTs go. */
export const WebhookUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && Boolean(u.hostname);
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL")
  .describe("http:// or https:// URL, at most 2,048 characters");

const Events = z
  .array(WebhookEventType)
  .min(1, "subscribe to at least one event")
  .transform((events) => [...new Set(events)]);

export const Webhook = z.object({
  id: z.string(),
  project_id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventType),
  enabled: z.boolean(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Webhook = z.infer<typeof Webhook>;

/** A webhook with its signing secret: only the answer of create and rotate-secret carries it. */
export const WebhookWithSecret = Webhook.extend({
  secret: z.string().describe("signing secret (whsec_…); shown once"),
});
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const CreateWebhookInput = z
  .object({
    url: WebhookUrl,
    events: Events,
    description: freeText(500).default(""),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;

export const UpdateWebhookInput = z
  .object({
    url: WebhookUrl.optional(),
    events: Events.optional(),
    description: freeText(500).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookInput>;

export const WebhookDeliveryStatus = z.enum(["pending", "succeeded", "failed"]);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  at: Timestamp,
  response_status: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: z.string(),
  webhook_id: z.string(),
  event_type: z.string().describe("one of the webhook event types, or ping"),
  event_id: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: WebhookDeliveryStatus,
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  response_status: z.number().int().nullable(),
  response_body: z.string().nullable().describe("the first 2 KB of the last answer"),
  error: z.string().nullable(),
  duration_ms: z.number().int().nullable(),
  attempt_log: z.array(WebhookAttempt),
  last_attempt_at: Timestamp.nullable(),
  next_attempt_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
