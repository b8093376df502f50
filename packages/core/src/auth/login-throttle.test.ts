import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle.js";

describe("login throttle", () => {
  it("locks an account after the free failures, for longer each time, and frees it on success", () => {
    let now = 0;
    const t = new LoginThrottle(
      { freeFailures: 3, freeFailuresPerAddress: 100, windowMs: 60_000, maxLockMs: 120_000 },
      () => now,
    );
    const keys = ["acct:a@b.c", "ip:1.2.3.4"];
    t.fail(keys);
    t.fail(keys);
    expect(t.retryAfterSeconds(keys)).toBe(0);
    t.fail(keys);
    expect(t.retryAfterSeconds(keys)).toBe(30);
    t.fail(keys);
    expect(t.retryAfterSeconds(keys)).toBe(60);
    now += 61_000;
    expect(t.retryAfterSeconds(keys)).toBe(0);
    t.succeed("acct:a@b.c");
    expect(t.retryAfterSeconds(["acct:a@b.c"])).toBe(0);
  });

  it("limits an address across many accounts", () => {
    const t = new LoginThrottle(
      { freeFailures: 100, freeFailuresPerAddress: 5, windowMs: 60_000, maxLockMs: 60_000 },
      () => 0,
    );
    for (let i = 0; i < 5; i++) t.fail([`acct:u${i}@x`, "ip:9.9.9.9"]);
    expect(t.retryAfterSeconds(["acct:new@x", "ip:9.9.9.9"])).toBeGreaterThan(0);
    expect(t.retryAfterSeconds(["acct:new@x", "ip:8.8.8.8"])).toBe(0);
  });
});
