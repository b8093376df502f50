import { isIPv6 } from "node:net";

/** One sign-in attempt: the account (lower-cased email) and the client address (null: unknown). */
export interface LoginAttempt {
  account: string;
  address: string | null;
}

export interface LoginThrottleLimits {
  /** Failures of one account from one address before that pair waits (then growing delays). */
  pairFreeFailures: number;
  /** Failures from one address across all accounts (credential stuffing) before it waits. */
  addressFreeFailures: number;
  /** Failures of one account across all addresses (distributed guessing) before it is slowed. */
  accountCeiling: number;
  /** Failures are counted in windows of this length, from the first failure of a key. */
  windowMs: number;
  /** The first delay of a pair or an address; it doubles with each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Past its ceiling, each further failure makes the account wait this long: slowed, never locked. */
  accountSlowMs: number;
  /** An address the account signed in from recently is not held back by the account's ceiling. */
  knownAddressMs: number;
}

export const defaultLoginThrottleLimits: LoginThrottleLimits = {
  pairFreeFailures: 5,
  addressFreeFailures: 30,
  accountCeiling: 100,
  windowMs: 15 * 60_000,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  accountSlowMs: 60_000,
  knownAddressMs: 30 * 86_400_000,
};

type Counter = { count: number; first: number; blockedUntil: number };
const MAX_KEYS = 100_000;

/**
 * Slows password guessing without letting a stranger lock the owner out (OWASP's authentication
 * cheat sheet): failures are counted per (account, address) pair with growing delays, per address
 * across accounts, and per account across addresses up to a high ceiling past which the account is
 * only slowed. The owner signing in from another address is not held back by an attacker's failures
 * below that ceiling, nor above it from an address they signed in from before.
 *
 * In memory, per process: behind several server processes each counts on its own, so the limits are
 * per process until the cluster shares them through the gateway's counter store.
 */
export class LoginThrottle {
  private readonly limits: LoginThrottleLimits;
  private readonly counters = new Map<string, Counter>();
  /** Pair key → when the account last signed in from that address. */
  private readonly known = new Map<string, number>();

  constructor(
    limits: Partial<LoginThrottleLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...defaultLoginThrottleLimits, ...limits };
  }

  /** Seconds until this attempt may be made, or 0. */
  retryAfterSeconds(attempt: LoginAttempt): number {
    const t = this.now();
    const keys = this.keysOf(attempt);
    const blocking = [keys.pair, keys.address];
    if (!this.isKnown(keys.pair, t)) blocking.push(keys.account);
    let waitMs = 0;
    for (const key of blocking) {
      const c = this.counters.get(key);
      if (c && c.blockedUntil > t) waitMs = Math.max(waitMs, c.blockedUntil - t);
    }
    return Math.ceil(waitMs / 1000);
  }

  fail(attempt: LoginAttempt): void {
    const t = this.now();
    const { pair, address, account } = this.keysOf(attempt);
    const l = this.limits;
    this.count(pair, t, (n) => growing(n, l.pairFreeFailures, l));
    this.count(address, t, (n) => growing(n, l.addressFreeFailures, l));
    this.count(account, t, (n) => (n >= l.accountCeiling ? l.accountSlowMs : 0));
    if (this.counters.size > MAX_KEYS) this.prune(t);
  }

  /** The right password: that pair starts afresh and its address becomes known to the account. */
  succeed(attempt: LoginAttempt): void {
    const { pair } = this.keysOf(attempt);
    this.counters.delete(pair);
    this.known.delete(pair);
    this.known.set(pair, this.now());
    // Oldest first (insertion order): drop the longest-unused addresses past the bound.
    if (this.known.size > MAX_KEYS) this.known.delete(this.known.keys().next().value!);
  }

  private keysOf({ account, address }: LoginAttempt) {
    const a = account.toLowerCase();
    const ip = addressKey(address);
    return { pair: `pair:${a}|${ip}`, address: `ip:${ip}`, account: `acct:${a}` };
  }

  private isKnown(pair: string, t: number): boolean {
    const at = this.known.get(pair);
    return at !== undefined && t - at < this.limits.knownAddressMs;
  }

  private count(key: string, t: number, delayFor: (failures: number) => number) {
    let c = this.counters.get(key);
    if (!c || t - c.first > this.limits.windowMs) c = { count: 0, first: t, blockedUntil: 0 };
    c.count++;
    const delay = delayFor(c.count);
    if (delay > 0) c.blockedUntil = Math.max(c.blockedUntil, t + delay);
    this.counters.set(key, c);
  }

  private prune(t: number) {
    for (const [key, c] of this.counters)
      if (t - c.first > this.limits.windowMs && c.blockedUntil < t) this.counters.delete(key);
  }
}

/** No delay for the free failures, then the first delay doubling with each failure, capped. */
function growing(failures: number, free: number, l: LoginThrottleLimits): number {
  if (failures < free) return 0;
  return Math.min(l.firstDelayMs * 2 ** Math.min(failures - free, 30), l.maxDelayMs);
}

/**
 * The throttle's name for an address. One IPv6 host usually holds a whole /64, so it counts as one
 * address; an IPv4-mapped IPv6 address counts as its IPv4 address.
 */
export function addressKey(address: string | null): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
