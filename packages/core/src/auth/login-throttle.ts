/**
 * Slows down password guessing: per account and per address, a few failures are free, then each
 * further failure locks that key for longer (30 s doubling, at most 15 min). In memory, per process;
 * a cluster shares it through the gateway's counter store later.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; first: number; lockedUntil: number }>();

  constructor(
    private readonly opts = {
      freeFailures: 5,
      freeFailuresPerAddress: 30,
      windowMs: 15 * 60_000,
      maxLockMs: 15 * 60_000,
    },
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until these keys may try again, or 0. */
  retryAfterSeconds(keys: string[]): number {
    const t = this.now();
    let wait = 0;
    for (const key of keys) {
      const f = this.failures.get(key);
      if (f && f.lockedUntil > t) wait = Math.max(wait, Math.ceil((f.lockedUntil - t) / 1000));
    }
    return wait;
  }

  fail(keys: string[]): void {
    const t = this.now();
    for (const key of keys) {
      let f = this.failures.get(key);
      if (!f || t - f.first > this.opts.windowMs) f = { count: 0, first: t, lockedUntil: 0 };
      f.count++;
      const free = key.startsWith("ip:") ? this.opts.freeFailuresPerAddress : this.opts.freeFailures;
      if (f.count >= free) {
        const lockMs = Math.min(30_000 * 2 ** (f.count - free), this.opts.maxLockMs);
        f.lockedUntil = t + lockMs;
      }
      this.failures.set(key, f);
    }
    if (this.failures.size > 100_000) this.prune(t);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private prune(t: number) {
    for (const [key, f] of this.failures)
      if (t - f.first > this.opts.windowMs && f.lockedUntil < t) this.failures.delete(key);
  }
}
