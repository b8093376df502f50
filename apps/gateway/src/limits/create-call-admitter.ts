import type { AdmissionRule, CallAdmitter } from "../admission/call-admitter.js";
import {
  type FallBackCounters,
  fallBackCounters,
  type LimitsObserver,
  type RedisFailMode,
} from "./fall-back-counters.js";
import { keyLimitRefusal } from "./key-limit-refusal.js";
import { memoryLimitCounters } from "./memory-limit-counters.js";
import { redisLimitCounters } from "./redis-limit-counters.js";

export interface CallAdmitterOptions {
  /** INFERA_REDIS_URL: unset → this process's own counters (exact for one gateway process). */
  redisUrl?: string | null;
  /** INFERA_REDIS_PREFIX (default `infera:`): every Redis key written starts with it. */
  redisPrefix?: string;
  /** INFERA_REDIS_FAIL_MODE (default `open`): what calls get while Redis is unavailable. */
  redisFailMode?: RedisFailMode;
  /** How long one call waits for Redis before it counts as unavailable (default 250 ms). */
  redisTimeoutMs?: number;
  /** Asked in order after the key's limits pass; the first refusal wins (project quotas, budgets). */
  rules?: AdmissionRule[];
  now?: () => number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  observer?: LimitsObserver;
}

/**
 * The gateway's admission (decision 0034): an API key's RPM over an exact sliding 60-second window
 * and its tokens per UTC day — in this process, or in Redis shared by every gateway process — then
 * the rules. The limits come with each call (`CallIdentity.limits`, from the key cache), so a
 * changed limit applies to the next call. A refused call is not counted: a key-limit refusal adds
 * nothing, and a rule's refusal takes the call back out of the window.
 *
 * Daily tokens are charged when a response completes, so the calls already in flight when a key
 * reaches its limit may overshoot it (by at most their own tokens); the next call is refused.
 */
export function createCallAdmitter(opts: CallAdmitterOptions): CallAdmitter {
  const now = opts.now ?? Date.now;
  const rules = opts.rules ?? [];
  const counters: FallBackCounters = opts.redisUrl
    ? fallBackCounters({
        shared: redisLimitCounters({
          url: opts.redisUrl,
          prefix: opts.redisPrefix ?? "infera:",
          timeoutMs: opts.redisTimeoutMs,
        }),
        local: memoryLimitCounters(),
        failMode: opts.redisFailMode ?? "open",
        log: opts.log,
        observer: opts.observer,
      })
    : memoryLimitCounters();

  /** Takes a call a rule refused back out of its key's window: a refused call is not counted. */
  const giveBack = async (apiKeyId: string | null, ticket: string | null) => {
    if (apiKeyId !== null && ticket !== null) await counters.release(apiKeyId, ticket);
  };

  return {
    async admit(call) {
      const { rpm, dailyTokens } = call.limits;
      let ticket: string | null = null;
      if (call.apiKeyId !== null && (rpm !== null || dailyTokens !== null)) {
        const nowMs = now();
        const answer = await counters.check({ apiKeyId: call.apiKeyId, nowMs, rpm, dailyTokens });
        if (!answer.ok) return keyLimitRefusal(answer, nowMs);
        ticket = answer.ticket;
      }
      for (const rule of rules) {
        let refusal: Awaited<ReturnType<AdmissionRule["check"]>>;
        try {
          refusal = await rule.check(call);
        } catch (err) {
          await giveBack(call.apiKeyId, ticket);
          throw err;
        }
        if (refusal && !refusal.ok) {
          await giveBack(call.apiKeyId, ticket);
          return refusal;
        }
      }
      return { ok: true };
    },

    async charge(call, totalTokens) {
      // Charged even without a daily limit, so a limit set during the day counts the day so far.
      if (call.apiKeyId === null || !(totalTokens > 0)) return;
      await counters.charge(call.apiKeyId, now(), Math.round(totalTokens));
    },

    close: () => counters.close(),
  };
}
