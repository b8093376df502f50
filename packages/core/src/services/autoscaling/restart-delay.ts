export interface RestartBackoff {
  /** The wait before the first restart; each later one doubles it. */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
}

/** How long a replica that crashed after `restartCount` restarts waits before the next: base·2^count, capped. */
export function restartDelayMs(restartCount: number, backoff: RestartBackoff): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, restartCount));
}
