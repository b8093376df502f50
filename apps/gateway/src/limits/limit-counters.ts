/**
 * Where an API key's RPM window and daily tokens are counted: in this process
 * (`memory-limit-counters.ts`) or in Redis, shared by every gateway process
 * (`redis-limit-counters.ts`). Both answer the same questions the same way, exactly.
 */
export interface KeyLimitCheck {
  apiKeyId: string;
  nowMs: number;
  rpm: number | null;
  dailyTokens: number | null;
}

export type KeyLimitAnswer =
  /** Admitted and counted in the RPM window; `ticket` takes it back out (`release`). */
  | { ok: true; ticket: string | null }
  /** The window holds `rpm` requests already; a slot frees up in `retryAfterMs`. */
  | { ok: false; limit: "rpm"; rpm: number; retryAfterMs: number }
  /** The day's charged tokens reached the limit. */
  | { ok: false; limit: "daily_tokens"; dailyTokens: number; used: number };

export interface LimitCounters {
  /**
   * Checks the daily tokens, then the sliding 60-second window, and counts the request in the window
   * when both pass — one atomic step, so concurrent checks never admit more than the limit.
   */
  check(call: KeyLimitCheck): Promise<KeyLimitAnswer>;
  /** Takes an admitted request back out of the window (a rule refused it after the key limits passed). */
  release(apiKeyId: string, ticket: string): Promise<void>;
  /** Adds a completed response's tokens to the key's UTC day. */
  charge(apiKeyId: string, nowMs: number, tokens: number): Promise<void>;
  close(): Promise<void>;
}

/** The RPM window: a request counts for the 60 seconds after it was admitted. */
export const RPM_WINDOW_MS = 60_000;
