import { type LimitCounters, RPM_WINDOW_MS } from "./limit-counters.js";
import { utcDayNumber } from "./utc-day.js";

interface KeyState {
  /** Admitted requests still in (or just out of) the window, oldest first; `head` skips expired ones. */
  window: { at: number; ticket: number }[];
  head: number;
  /** Days since the epoch, UTC (a number: cheaper to compare on every call than the date). */
  day: number;
  tokens: number;
}

/**
 * One process's counters, exact for that process: the window is the list of its admissions in the
 * last 60 s (at most `rpm` of them are ever kept), the tokens a number per key for the current UTC
 * day. Without Redis this is the gateway's only counter; with Redis it is the fallback while Redis
 * is away (fail mode "open").
 */
export function memoryLimitCounters(): LimitCounters {
  const keys = new Map<string, KeyState>();
  let nextTicket = 1;

  const stateOf = (apiKeyId: string, nowMs: number): KeyState => {
    let state = keys.get(apiKeyId);
    if (!state) {
      state = { window: [], head: 0, day: utcDayNumber(nowMs), tokens: 0 };
      keys.set(apiKeyId, state);
    }
    return state;
  };

  const slide = (state: KeyState, nowMs: number) => {
    const { window } = state;
    while (state.head < window.length && (window[state.head] as { at: number }).at <= nowMs - RPM_WINDOW_MS)
      state.head += 1;
    // Drop the expired prefix now and then rather than shifting the array on every request.
    if (state.head > 64 && state.head * 2 > window.length) {
      window.splice(0, state.head);
      state.head = 0;
    }
  };

  return {
    async check({ apiKeyId, nowMs, rpm, dailyTokens }) {
      const state = stateOf(apiKeyId, nowMs);
      if (dailyTokens !== null) {
        const used = state.day === utcDayNumber(nowMs) ? state.tokens : 0;
        if (used >= dailyTokens) return { ok: false, limit: "daily_tokens", dailyTokens, used };
      }
      if (rpm === null) return { ok: true, ticket: null };
      slide(state, nowMs);
      const inWindow = state.window.length - state.head;
      if (inWindow >= rpm) {
        // With a lowered limit several must leave: the one that makes room is `inWindow - rpm` in.
        const freeing = state.window[state.head + inWindow - rpm] as { at: number };
        return { ok: false, limit: "rpm", rpm, retryAfterMs: freeing.at + RPM_WINDOW_MS - nowMs };
      }
      const ticket = nextTicket++;
      insertByTime(state.window, state.head, { at: nowMs, ticket });
      return { ok: true, ticket: String(ticket) };
    },

    async release(apiKeyId, ticket) {
      const state = keys.get(apiKeyId);
      if (!state) return;
      const i = state.window.findIndex((e, j) => j >= state.head && e.ticket === Number(ticket));
      if (i >= 0) state.window.splice(i, 1);
    },

    async charge(apiKeyId, nowMs, tokens) {
      const state = stateOf(apiKeyId, nowMs);
      const day = utcDayNumber(nowMs);
      if (state.day !== day) {
        state.day = day;
        state.tokens = 0;
      }
      state.tokens += tokens;
    },

    async close() {
      keys.clear();
    },
  };
}

/** Appends, or inserts in order when the clock stepped back, so the oldest stays first. */
function insertByTime(
  window: { at: number; ticket: number }[],
  head: number,
  entry: { at: number; ticket: number },
) {
  let i = window.length;
  while (i > head && (window[i - 1] as { at: number }).at > entry.at) i -= 1;
  window.splice(i, 0, entry);
}
