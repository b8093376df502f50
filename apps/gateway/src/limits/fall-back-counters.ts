import type { KeyLimitAnswer, LimitCounters } from "./limit-counters.js";
import type { RedisLimitCounters } from "./redis-limit-counters.js";

/**
 * What the gateway does while Redis is unavailable (decision 0034):
 * - `open` (default): calls go on, limited by this process's own counters — so each process holds
 *   the limit by itself and the total can reach (processes × limit) until Redis is back; never
 *   unlimited.
 * - `closed`: calls of keys with limits are refused (503, `limits_unavailable`); keys without
 *   limits and the playground are not affected.
 */
export type RedisFailMode = "open" | "closed";

/** Told of every call decided without Redis, for `/metrics`. */
export interface LimitsObserver {
  redisUnavailable(failMode: RedisFailMode, operation: "admit" | "charge"): void;
}

export type FallBackAnswer = KeyLimitAnswer | { ok: false; limit: "unavailable" };

export interface FallBackCounters extends Omit<LimitCounters, "check"> {
  check(...args: Parameters<LimitCounters["check"]>): Promise<FallBackAnswer>;
}

const LOCAL = "local:";

/**
 * Redis's counters with this process's behind them. Every charge is also kept locally, so an
 * outage starts from this process's share of the day rather than from zero. One warning when
 * Redis goes away, one line when it is back; every call in between is counted by the observer.
 */
export function fallBackCounters(opts: {
  shared: RedisLimitCounters;
  local: LimitCounters;
  failMode: RedisFailMode;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  observer?: LimitsObserver;
}): FallBackCounters {
  const { shared, local, failMode, log } = opts;
  let degraded = false;

  const unavailable = (operation: "admit" | "charge", err: unknown) => {
    opts.observer?.redisUnavailable(failMode, operation);
    if (degraded) return;
    degraded = true;
    log.warn(
      { err: err instanceof Error ? err.message : String(err), failMode },
      failMode === "open"
        ? "Redis unavailable: API key limits are held by each gateway process alone until it is back"
        : "Redis unavailable: calls of API keys with limits are refused until it is back",
    );
  };
  const reachable = () => {
    if (!degraded) return;
    degraded = false;
    log.info({}, "Redis reachable again: API key limits are shared by every gateway process");
  };

  return {
    async check(call) {
      try {
        const answer = await shared.check(call);
        reachable();
        return answer;
      } catch (err) {
        unavailable("admit", err);
        if (failMode === "closed") return { ok: false, limit: "unavailable" };
        const answer = await local.check(call);
        return answer.ok && answer.ticket ? { ok: true, ticket: LOCAL + answer.ticket } : answer;
      }
    },

    async release(apiKeyId, ticket) {
      if (ticket.startsWith(LOCAL)) return local.release(apiKeyId, ticket.slice(LOCAL.length));
      // A slot that cannot be given back expires with the window: it errs on refusing, not admitting.
      await shared.release(apiKeyId, ticket).catch((err) => unavailable("admit", err));
    },

    async charge(apiKeyId, nowMs, tokens) {
      await local.charge(apiKeyId, nowMs, tokens);
      try {
        await shared.charge(apiKeyId, nowMs, tokens);
        reachable();
      } catch (err) {
        unavailable("charge", err);
      }
    },

    async close() {
      await Promise.all([shared.close(), local.close()]);
    },
  };
}
