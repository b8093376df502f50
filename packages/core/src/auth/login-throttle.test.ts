import { describe, expect, it } from "vitest";
import { addressKey, LoginThrottle } from "./login-throttle.js";

const limits = {
  pairFreeFailures: 3,
  addressFreeFailures: 10,
  accountCeiling: 20,
  windowMs: 60_000,
  firstDelayMs: 30_000,
  maxDelayMs: 120_000,
  accountSlowMs: 5_000,
  knownAddressMs: 3_600_000,
};
const owner = (address: string) => ({ account: "a@b.c", address });

describe("login throttle", () => {
  it("delays one account at one address for longer each time, and a success clears that pair", () => {
    let now = 0;
    const t = new LoginThrottle(limits, () => now);
    const attacker = owner("1.2.3.4");
    t.fail(attacker);
    t.fail(attacker);
    expect(t.retryAfterSeconds(attacker)).toBe(0);
    t.fail(attacker);
    expect(t.retryAfterSeconds(attacker)).toBe(30);
    t.fail(attacker);
    expect(t.retryAfterSeconds(attacker)).toBe(60);
    t.fail(attacker);
    t.fail(attacker);
    expect(t.retryAfterSeconds(attacker)).toBe(120); // capped
    now += 121_000;
    expect(t.retryAfterSeconds(attacker)).toBe(0);
    t.succeed(attacker);
    now += 1_000;
    t.fail(attacker);
    expect(t.retryAfterSeconds(attacker)).toBe(0); // free failures again after a success
  });

  it("does not hold the owner back at another address while the attacker's pair waits", () => {
    const t = new LoginThrottle(limits, () => 0);
    for (let i = 0; i < 9; i++) t.fail(owner("6.6.6.6"));
    expect(t.retryAfterSeconds(owner("6.6.6.6"))).toBeGreaterThan(0);
    expect(t.retryAfterSeconds(owner("10.0.0.1"))).toBe(0);
  });

  it("limits an address across many accounts, and only that address", () => {
    const t = new LoginThrottle(limits, () => 0);
    for (let i = 0; i < 9; i++) t.fail({ account: `u${i}@x`, address: "9.9.9.9" });
    expect(t.retryAfterSeconds({ account: "new@x", address: "9.9.9.9" })).toBe(0);
    t.fail({ account: "u9@x", address: "9.9.9.9" });
    expect(t.retryAfterSeconds({ account: "new@x", address: "9.9.9.9" })).toBe(30);
    expect(t.retryAfterSeconds({ account: "new@x", address: "8.8.8.8" })).toBe(0);
  });

  it("slows an account past its ceiling across addresses, briefly, except from a known address", () => {
    let now = 0;
    const t = new LoginThrottle(limits, () => now);
    t.succeed(owner("10.0.0.1")); // the owner signed in from here before
    for (let i = 0; i < 19; i++) t.fail(owner(`7.0.0.${i}`));
    expect(t.retryAfterSeconds(owner("10.0.0.2"))).toBe(0); // below the ceiling
    t.fail(owner("7.0.0.99"));
    expect(t.retryAfterSeconds(owner("10.0.0.2"))).toBe(5); // slowed, not locked
    expect(t.retryAfterSeconds(owner("10.0.0.1"))).toBe(0); // a known address is not held back
    expect(t.retryAfterSeconds({ account: "other@b.c", address: "10.0.0.2" })).toBe(0);
    now += 5_000;
    expect(t.retryAfterSeconds(owner("10.0.0.2"))).toBe(0);
    t.fail(owner("7.0.0.100"));
    expect(t.retryAfterSeconds(owner("10.0.0.2"))).toBe(5); // each further failure: the same short wait
    now += 61_000; // a new window
    t.fail(owner("7.0.0.101"));
    expect(t.retryAfterSeconds(owner("10.0.0.2"))).toBe(0);
  });

  it("forgets a known address after a while", () => {
    let now = 0;
    const t = new LoginThrottle({ ...limits, windowMs: 10 * 3_600_000 }, () => now);
    t.succeed(owner("10.0.0.1"));
    now += 3_600_000;
    for (let i = 0; i < 20; i++) t.fail(owner(`7.0.0.${i}`));
    expect(t.retryAfterSeconds(owner("10.0.0.1"))).toBe(5);
  });

  it("counts emails case-insensitively and an IPv6 /64 as one address", () => {
    const t = new LoginThrottle(limits, () => 0);
    for (let i = 0; i < 3; i++) t.fail({ account: "A@B.C", address: `2001:db8:1:2::${i + 1}` });
    expect(t.retryAfterSeconds({ account: "a@b.c", address: "2001:db8:1:2:ffff::9" })).toBe(30);
    expect(t.retryAfterSeconds({ account: "a@b.c", address: "2001:db8:1:3::1" })).toBe(0);
  });
});

describe("addressKey", () => {
  it("names IPv4, IPv4-mapped, IPv6 /64 and unknown addresses", () => {
    expect(addressKey("1.2.3.4")).toBe("1.2.3.4");
    expect(addressKey("::ffff:1.2.3.4")).toBe("1.2.3.4");
    expect(addressKey("2001:0db8:0001:0000:aaaa::1")).toBe("2001:db8:1:0::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey(null)).toBe("unknown");
  });
});
