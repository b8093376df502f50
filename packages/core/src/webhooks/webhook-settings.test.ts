import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookBody } from "./webhook-secret.js";
import { WEBHOOK_DEFAULTS, webhookRetryDelayMs } from "./webhook-settings.js";

describe("webhook retries and signatures", () => {
  it("retries after 30 s, 2 min, 10 min, 1 h and 6 h by default, scaled by the base", () => {
    const delays = [1, 2, 3, 4, 5].map((n) => webhookRetryDelayMs(WEBHOOK_DEFAULTS, n) / 1000);
    expect(delays).toEqual([30, 120, 600, 3600, 21_600]);
    expect(WEBHOOK_DEFAULTS.maxAttempts).toBe(6);
    expect(webhookRetryDelayMs({ retryBaseMs: 10, maxAttempts: 9 }, 2)).toBe(40);
    // Past the schedule's end the last delay repeats.
    expect(webhookRetryDelayMs({ retryBaseMs: 10, maxAttempts: 9 }, 8)).toBe(7200);
  });

  it("signs `<timestamp>.<body>` with HMAC-SHA-256, as the guide's snippet checks", () => {
    const body = '{"id":"evt_1","type":"ping"}';
    const expected = createHmac("sha256", "whsec_test").update(`1764820000.${body}`).digest("hex");
    expect(signWebhookBody("whsec_test", 1764820000, body)).toBe(`sha256=${expected}`);
    expect(signWebhookBody("whsec_test", 1764820001, body)).not.toBe(`sha256=${expected}`);
  });
});
