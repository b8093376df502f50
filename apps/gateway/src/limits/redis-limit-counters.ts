import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { type KeyLimitAnswer, type LimitCounters, RPM_WINDOW_MS } from "./limit-counters.js";
import { ADMIT_SCRIPT, CHARGE_SCRIPT, runScript } from "./redis-scripts.js";
import { utcDay } from "./utc-day.js";

/** The day's token counter outlives its day by a day, then Redis drops it. */
const TOKENS_TTL_SECONDS = 2 * 86_400;

export interface RedisLimitCountersOptions {
  url: string;
  /** Every key this process writes starts with it (INFERA_REDIS_PREFIX, default `infera:`). */
  prefix: string;
  /** How long one call waits for Redis before it counts as unavailable (default 250 ms). */
  timeoutMs?: number;
}

export interface RedisLimitCounters extends LimitCounters {
  /**
   * False once the connection has dropped or failed, until it is ready again: calls then fail at
   * once rather than each waiting for the timeout. Before the first connection calls wait for it.
   */
  available(): boolean;
}

/**
 * Counters shared by every gateway process through one Redis: each admission is one script
 * (`redis-scripts.ts`), so N processes hold one limit, never N times it. Keys carry the API key's
 * id as a hash tag (`{id}`), so a key's window and tokens live on one Redis Cluster slot.
 */
export function redisLimitCounters(opts: RedisLimitCountersOptions): RedisLimitCounters {
  const redis = new Redis(opts.url, {
    // A request must not hang on Redis: a command waits at most this long, is not retried on
    // another connection, and is not queued while the connection is known to be down.
    commandTimeout: opts.timeoutMs ?? 250,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Reconnect forever in the background, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let state: "starting" | "up" | "down" = "starting";
  redis.on("ready", () => {
    state = "up";
  });
  redis.on("close", () => {
    state = "down";
  });
  // Without a listener ioredis's connection errors would be thrown; the fail mode reports them.
  redis.on("error", () => {});

  // Members of the window sorted set: unique across processes without coordination.
  const instance = randomBytes(6).toString("hex");
  let seq = 0;
  const windowKey = (id: string) => `${opts.prefix}rpm:{${id}}`;
  const tokensKey = (id: string, nowMs: number) => `${opts.prefix}tokens:{${id}}:${utcDay(nowMs)}`;
  const ensureAvailable = () => {
    if (state === "down") throw new Error(`Redis is unavailable (${redis.status})`);
  };

  return {
    available: () => state !== "down",

    async check({ apiKeyId, nowMs, rpm, dailyTokens }): Promise<KeyLimitAnswer> {
      ensureAvailable();
      seq += 1;
      const member = `${instance}:${seq}`;
      const answer = (await runScript(
        redis,
        ADMIT_SCRIPT,
        [windowKey(apiKeyId), tokensKey(apiKeyId, nowMs)],
        [nowMs, nowMs - RPM_WINDOW_MS, RPM_WINDOW_MS, rpm ?? "", dailyTokens ?? "", member],
      )) as number[];
      if (answer[0] === 1 && rpm !== null)
        return { ok: false, limit: "rpm", rpm, retryAfterMs: answer[1] as number };
      if (answer[0] === 2 && dailyTokens !== null)
        return { ok: false, limit: "daily_tokens", dailyTokens, used: answer[1] as number };
      return { ok: true, ticket: rpm === null ? null : member };
    },

    async release(apiKeyId, ticket) {
      ensureAvailable();
      await redis.zrem(windowKey(apiKeyId), ticket);
    },

    async charge(apiKeyId, nowMs, tokens) {
      ensureAvailable();
      await runScript(redis, CHARGE_SCRIPT, [tokensKey(apiKeyId, nowMs)], [tokens, TOKENS_TTL_SECONDS]);
    },

    async close() {
      if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
