import type { Admission } from "../admission/call-admitter.js";
import type { FallBackAnswer } from "./fall-back-counters.js";
import { msUntilNextUtcDay } from "./utc-day.js";

/** `Retry-After` is whole seconds, at least 1 (0 would invite a client to retry at once and fail). */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The refusal a key limit's answer becomes: OpenAI's envelope's code and message, and when to retry. */
export function keyLimitRefusal(answer: Exclude<FallBackAnswer, { ok: true }>, nowMs: number): Admission {
  switch (answer.limit) {
    case "rpm": {
      const seconds = retryAfterSeconds(answer.retryAfterMs);
      return {
        ok: false,
        code: "rate_limit_exceeded",
        status: 429,
        message: `This API key's limit of ${answer.rpm} requests per minute is reached; retry in ${seconds} s.`,
        retryAfterSeconds: seconds,
      };
    }
    case "daily_tokens": {
      const seconds = retryAfterSeconds(msUntilNextUtcDay(nowMs));
      return {
        ok: false,
        code: "daily_token_limit_exceeded",
        status: 429,
        message: `This API key's limit of ${answer.dailyTokens} tokens per UTC day is reached (${answer.used} used); it starts again at 00:00 UTC, in ${seconds} s.`,
        retryAfterSeconds: seconds,
      };
    }
    case "unavailable":
      return {
        ok: false,
        code: "limits_unavailable",
        status: 503,
        message: "The gateway cannot reach its shared rate-limit counters; retry in a moment.",
        retryAfterSeconds: 1,
      };
  }
}
