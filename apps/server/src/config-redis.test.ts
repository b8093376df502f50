import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("Redis settings (the gateway's shared limit counters)", () => {
  it("default to no Redis, the infera: prefix and fail mode open", () => {
    expect(loadConfig({})).toMatchObject({
      redisUrl: undefined,
      redisPrefix: "infera:",
      redisFailMode: "open",
    });
  });

  it("read INFERA_REDIS_URL, INFERA_REDIS_PREFIX and INFERA_REDIS_FAIL_MODE", () => {
    const c = loadConfig({
      INFERA_REDIS_URL: "rediss://:secret@redis.internal:6380/2",
      INFERA_REDIS_PREFIX: "staging:",
      INFERA_REDIS_FAIL_MODE: "closed",
    });
    expect(c).toMatchObject({
      redisUrl: "rediss://:secret@redis.internal:6380/2",
      redisPrefix: "staging:",
      redisFailMode: "closed",
    });
    expect(loadConfig({ INFERA_REDIS_PREFIX: "" }).redisPrefix).toBe("");
  });

  it("refuse what they cannot use", () => {
    expect(() => loadConfig({ INFERA_REDIS_URL: "127.0.0.1:6379" })).toThrow(ConfigError);
    expect(() => loadConfig({ INFERA_REDIS_URL: "http://redis:6379" })).toThrow(/INFERA_REDIS_URL/);
    expect(() => loadConfig({ INFERA_REDIS_PREFIX: "my prefix" })).toThrow(/INFERA_REDIS_PREFIX/);
    expect(() => loadConfig({ INFERA_REDIS_FAIL_MODE: "fail-open" })).toThrow(/open or closed/);
  });
});
