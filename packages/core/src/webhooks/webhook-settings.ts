import type { ServiceContext } from "../shared/context.js";

export interface WebhookSettings {
  /** The first retry's delay; later ones are 4, 20, 120 and 720 times it (30 s → 2 min, 10 min, 1 h, 6 h). */
  retryBaseMs: number;
  /** Attempts in all, the first included, before a delivery ends failed. */
  maxAttempts: number;
}

export const WEBHOOK_DEFAULTS: WebhookSettings = { retryBaseMs: 30_000, maxAttempts: 6 };

const FACTORS = [1, 4, 20, 120, 720] as const;

export function webhookSettings(ctx: ServiceContext): WebhookSettings {
  return { ...WEBHOOK_DEFAULTS, ...ctx.settings.webhooks };
}

/** Milliseconds to wait after attempt `attempt` (1-based) failed. */
export function webhookRetryDelayMs(settings: WebhookSettings, attempt: number): number {
  return settings.retryBaseMs * FACTORS[Math.min(Math.max(attempt, 1), FACTORS.length) - 1]!;
}
