import type { DeadLetterHook } from "../ports/job-queue.js";
import { failCrashedWebhookDelivery } from "../webhooks/fail-crashed-webhook-delivery.js";

export type DeadLetterHooks = ReadonlyMap<string, DeadLetterHook>;

/** The catalog's kinds whose dead letters mean something in the domain; the others just stay dead. */
const catalogHooks: Record<string, DeadLetterHook> = {
  "webhook.deliver": failCrashedWebhookDelivery,
};

/** The catalog's hooks plus `extra` ones (a test kind's); a kind given twice is refused. */
export function deadLetterHooksOf(extra: Readonly<Record<string, DeadLetterHook>> = {}): DeadLetterHooks {
  const hooks = new Map(Object.entries(catalogHooks));
  for (const [kind, hook] of Object.entries(extra)) {
    if (hooks.has(kind)) throw new Error(`dead-letter hook of ${kind} is defined twice`);
    hooks.set(kind, hook);
  }
  return hooks;
}
