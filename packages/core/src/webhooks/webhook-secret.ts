import { createHmac } from "node:crypto";
import { newSecret } from "../shared/crypto.js";

/** A new signing secret: `whsec_` and 32 random bytes. */
export const newWebhookSecret = () => newSecret("whsec_");

/**
 * The `X-Infera-Signature` value: HMAC-SHA-256 with the webhook's secret over
 * `<unix seconds>.<raw body>`, hex, prefixed `sha256=`.
 */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
