import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admission, AdmissionRule, CallAdmitter, CallIdentity } from "../admission/call-admitter.js";
import { type CallAdmitterOptions, createCallAdmitter } from "./create-call-admitter.js";
import type { RedisFailMode } from "./fall-back-counters.js";
import { closedPort, startRedisServer } from "./testing/redis-server.js";

/** The shared Redis of the test machine; every key this run writes starts with `prefix`, and only those are deleted. */
const REDIS_URL = process.env.INFERA_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `infera-test:${randomBytes(4).toString("hex")}:`;
let redis: Redis;
const admitters: CallAdmitter[] = [];

beforeAll(() => {
  redis = new Redis(REDIS_URL, { lazyConnect: false });
});
afterAll(async () => {
  await Promise.all(admitters.map((a) => a.close()));
  const ours = await keysWithPrefix(prefix);
  if (ours.length) await redis.del(...ours);
  await redis.quit();
});

async function keysWithPrefix(p: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${p}*`, "COUNT", 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== "0");
  return found;
}

let clock = Date.UTC(2026, 11, 4, 10, 0, 0);
const at = (ms: number) => {
  clock = ms;
};
const warnings: string[] = [];
const infos: string[] = [];
const log = {
  info: (_o: object, m: string) => infos.push(m),
  warn: (_o: object, m: string) => warnings.push(m),
};

function admitter(opts: Partial<CallAdmitterOptions> = {}): CallAdmitter {
  const a = createCallAdmitter({ now: () => clock, log, ...opts });
  admitters.push(a);
  return a;
}

let keys = 0;
/** A call of a key never used before (in this run, on this Redis). */
function callOf(limits: CallIdentity["limits"], over: Partial<CallIdentity> = {}): CallIdentity {
  keys += 1;
  return {
    tenantId: "tenant_a",
    projectId: "project_a",
    apiKeyId: `apikey_${keys}_${randomBytes(3).toString("hex")}`,
    serviceId: "service_a",
    revisionId: "revision_a",
    limits,
    ...over,
  };
}

const refusal = (a: Admission) =>
  a.ok ? null : { code: a.code, status: a.status, retry: a.retryAfterSeconds };

describe.each([
  { store: "memory", opts: {} },
  { store: "Redis", opts: { redisUrl: REDIS_URL, redisPrefix: prefix } },
])("key limits, $store", ({ opts }) => {
  it("rpm 5 admits five, refuses the sixth until the oldest leaves the window, and the window slides", async () => {
    const gate = admitter(opts);
    const t0 = Date.UTC(2026, 11, 4, 10, 0, 0);
    const call = callOf({ rpm: 5, dailyTokens: null });
    for (let i = 0; i < 5; i++) {
      at(t0 + i * 1000);
      expect(await gate.admit(call)).toEqual({ ok: true });
    }
    at(t0 + 10_000);
    const sixth = await gate.admit(call);
    expect(refusal(sixth)).toEqual({ code: "rate_limit_exceeded", status: 429, retry: 50 });
    expect(!sixth.ok && sixth.message).toMatch(/limit of 5 requests per minute/);
    // Refusals are not counted: hammering while refused does not push the window out.
    for (let i = 0; i < 20; i++) expect((await gate.admit(call)).ok).toBe(false);
    at(t0 + 59_999);
    expect(refusal(await gate.admit(call))).toMatchObject({ retry: 1 });
    // The first request leaves the window at t0 + 60 s: one slot, one admission.
    at(t0 + 60_000);
    expect(await gate.admit(call)).toEqual({ ok: true });
    expect(refusal(await gate.admit(call))).toMatchObject({ code: "rate_limit_exceeded", retry: 1 });
    at(t0 + 61_000);
    expect(await gate.admit(call)).toEqual({ ok: true });
    // Half a second before the third leaves, Retry-After rounds up to a whole second.
    at(t0 + 61_500);
    expect(refusal(await gate.admit(call))).toMatchObject({ retry: 1 });
    at(t0 + 62_000);
    expect(await gate.admit(call)).toEqual({ ok: true });
  });

  it("a lowered rpm applies to the next call, and says when enough requests have left", async () => {
    const gate = admitter(opts);
    const t0 = Date.UTC(2026, 11, 4, 11, 0, 0);
    const call = callOf({ rpm: 10, dailyTokens: null });
    for (let i = 0; i < 8; i++) {
      at(t0 + i * 1000);
      expect((await gate.admit(call)).ok).toBe(true);
    }
    const lowered = { ...call, limits: { rpm: 5, dailyTokens: null } };
    at(t0 + 20_000);
    // 8 in the window, room at 5: four must leave, the fourth left at t0 + 3 s + 60 s.
    expect(refusal(await gate.admit(lowered))).toMatchObject({ code: "rate_limit_exceeded", retry: 43 });
    at(t0 + 63_000);
    expect((await gate.admit(lowered)).ok).toBe(true);
    // Raised again: room at once.
    expect((await gate.admit({ ...call, limits: { rpm: 100, dailyTokens: null } })).ok).toBe(true);
  });

  it("daily tokens: charged on completion, refused at the limit until the next UTC day", async () => {
    const gate = admitter(opts);
    const call = callOf({ rpm: null, dailyTokens: 1000 });
    at(Date.UTC(2026, 11, 4, 23, 0, 0));
    // Two calls admitted together; both complete after the first reached the limit: the overshoot.
    expect(await gate.admit(call)).toEqual({ ok: true });
    expect(await gate.admit(call)).toEqual({ ok: true });
    await gate.charge(call, 700);
    await gate.charge(call, 450);
    const refused = await gate.admit(call);
    expect(refusal(refused)).toEqual({ code: "daily_token_limit_exceeded", status: 429, retry: 3600 });
    expect(!refused.ok && refused.message).toMatch(
      /limit of 1000 tokens per UTC day is reached \(1150 used\)/,
    );
    at(Date.UTC(2026, 11, 4, 23, 59, 59, 500));
    expect(refusal(await gate.admit(call))).toMatchObject({ retry: 1 });
    at(Date.UTC(2026, 11, 5, 0, 0, 0));
    expect(await gate.admit(call)).toEqual({ ok: true });
    await gate.charge(call, 999);
    expect((await gate.admit(call)).ok).toBe(true);
    await gate.charge(call, 1);
    expect(refusal(await gate.admit(call))).toMatchObject({ code: "daily_token_limit_exceeded" });
    // A limit raised during the day counts what the day already used.
    expect((await gate.admit({ ...call, limits: { rpm: null, dailyTokens: 1001 } })).ok).toBe(true);
  });
});

/** A stub of the hook where project quotas and budgets will refuse calls. */
const budgetOf = (projectId: string, asked: string[]): AdmissionRule => ({
  name: "budget",
  async check(call) {
    asked.push(`budget:${call.projectId}`);
    return call.projectId === projectId
      ? {
          ok: false,
          code: "budget_exceeded",
          status: 403,
          message: `project ${projectId} spent its budget`,
          retryAfterSeconds: 3600,
        }
      : null;
  },
});

describe("admission rules", () => {
  it("run after the key limits pass, in order, the first refusal winning; a refused call is not counted", async () => {
    const asked: string[] = [];
    const quota: AdmissionRule = {
      name: "quota",
      async check(call) {
        asked.push(`quota:${call.projectId}`);
        return call.serviceId === "service_quota"
          ? { ok: false, code: "quota_exceeded", status: 429, message: "quota", retryAfterSeconds: 60 }
          : { ok: true };
      },
    };
    const gate = admitter({ rules: [budgetOf("project_broke", asked), quota] });
    at(Date.UTC(2026, 11, 4, 12, 0, 0));
    const broke = callOf({ rpm: 1, dailyTokens: null }, { projectId: "project_broke" });
    expect(refusal(await gate.admit(broke))).toEqual({ code: "budget_exceeded", status: 403, retry: 3600 });
    expect(asked).toEqual(["budget:project_broke"]);
    // The budget's refusal gave the key's only slot back: once the budget allows, the call passes.
    asked.length = 0;
    expect(await gate.admit({ ...broke, projectId: "project_fine" })).toEqual({ ok: true });
    expect(asked).toEqual(["budget:project_fine", "quota:project_fine"]);
    // Over the key's rpm: refused by the limit, no rule asked.
    asked.length = 0;
    expect(refusal(await gate.admit({ ...broke, projectId: "project_fine" }))).toMatchObject({
      code: "rate_limit_exceeded",
    });
    expect(asked).toEqual([]);
    expect(
      refusal(await gate.admit(callOf({ rpm: null, dailyTokens: null }, { serviceId: "service_quota" }))),
    ).toMatchObject({ code: "quota_exceeded" });
  });

  it("apply to the playground's calls (no key), which no key limit counts", async () => {
    const gate = admitter({ rules: [budgetOf("project_broke", [])] });
    const signedIn = callOf({ rpm: 1, dailyTokens: 1 }, { apiKeyId: null });
    for (let i = 0; i < 5; i++) expect(await gate.admit(signedIn)).toEqual({ ok: true });
    await gate.charge(signedIn, 100);
    expect(await gate.admit(signedIn)).toEqual({ ok: true });
    expect(refusal(await gate.admit({ ...signedIn, projectId: "project_broke" }))).toMatchObject({
      code: "budget_exceeded",
    });
  });

  it("a rule that throws gives the call's slot back and the error to the caller", async () => {
    let broken = true;
    const gate = admitter({
      rules: [
        {
          name: "flaky",
          check: async () => {
            if (broken) throw new Error("quota store down");
            return null;
          },
        },
      ],
    });
    const call = callOf({ rpm: 1, dailyTokens: null });
    await expect(gate.admit(call)).rejects.toThrow("quota store down");
    broken = false;
    expect(await gate.admit(call)).toEqual({ ok: true });
    expect(refusal(await gate.admit(call))).toMatchObject({ code: "rate_limit_exceeded" });
  });
});

describe("limits shared through Redis", () => {
  it("two gateway processes hammering one key admit exactly the limit between them", async () => {
    const keyId = `apikey_hammer_${randomBytes(3).toString("hex")}`;
    const startAt = Date.now() + 2500;
    const run = () =>
      new Promise<{ admitted: number; refused: number; retryAfter: number[]; warnings: string[] }>(
        (resolve, reject) => {
          const child = spawn(
            process.execPath,
            ["--import", "tsx", join(import.meta.dirname, "testing/hammer-one-key.ts")],
            {
              env: {
                ...process.env,
                INFERA_TEST_REDIS_URL: REDIS_URL,
                INFERA_TEST_REDIS_PREFIX: prefix,
                INFERA_TEST_KEY_ID: keyId,
                INFERA_TEST_RPM: "40",
                INFERA_TEST_ATTEMPTS: "200",
                INFERA_TEST_CONCURRENCY: "16",
                INFERA_TEST_START_AT: String(startAt),
              },
              stdio: ["ignore", "pipe", "inherit"],
            },
          );
          let out = "";
          child.stdout.on("data", (d: Buffer) => {
            out += d;
          });
          child.once("exit", (code) =>
            code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`hammer exited ${code}: ${out}`)),
          );
        },
      );
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.warnings.concat(b.warnings)).toEqual([]);
    expect(a.admitted + b.admitted).toBe(40);
    expect(a.refused + b.refused).toBe(360);
    for (const r of [a, b]) {
      expect(r.retryAfter[0]).toBeGreaterThanOrEqual(1);
      expect(r.retryAfter[1]).toBeLessThanOrEqual(60);
    }
    // The window holds the 40 admissions, nothing of the refused ones.
    expect(await redis.zcard(`${prefix}rpm:{${keyId}}`)).toBe(40);
  }, 60_000);

  it("two admitters on one Redis share a key's daily tokens", async () => {
    const a = admitter({ redisUrl: REDIS_URL, redisPrefix: prefix });
    const b = admitter({ redisUrl: REDIS_URL, redisPrefix: prefix });
    const call = callOf({ rpm: null, dailyTokens: 1000 });
    at(Date.UTC(2026, 11, 4, 18, 0, 0));
    expect((await a.admit(call)).ok).toBe(true);
    await a.charge(call, 600);
    expect((await b.admit(call)).ok).toBe(true);
    await b.charge(call, 500);
    expect(refusal(await a.admit(call))).toMatchObject({
      code: "daily_token_limit_exceeded",
      retry: 6 * 3600,
    });
    expect(refusal(await b.admit(call))).toMatchObject({ code: "daily_token_limit_exceeded" });
    const day = `${prefix}tokens:{${call.apiKeyId}}:2026-12-04`;
    expect(await redis.get(day)).toBe("1100");
    const ttl = await redis.ttl(day);
    expect(ttl).toBeGreaterThan(86_400);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400);
    at(Date.UTC(2026, 11, 5, 0, 0, 1));
    expect((await a.admit(call)).ok).toBe(true);
    expect((await b.admit(call)).ok).toBe(true);
  });

  it("writes only keys under its prefix (INFERA_REDIS_PREFIX)", async () => {
    const own = `${prefix}custom:`;
    const gate = admitter({ redisUrl: REDIS_URL, redisPrefix: own });
    const call = callOf({ rpm: 3, dailyTokens: 10 });
    await gate.admit(call);
    await gate.charge(call, 4);
    const written = (await keysWithPrefix(own)).sort();
    expect(written).toEqual([
      `${own}rpm:{${call.apiKeyId}}`,
      `${own}tokens:{${call.apiKeyId}}:${new Date(clock).toISOString().slice(0, 10)}`,
    ]);
    expect(await redis.exists(`infera:rpm:{${call.apiKeyId}}`)).toBe(0);
  });
});

describe("Redis unavailable", () => {
  const observed: string[] = [];
  const down = async (failMode: RedisFailMode) =>
    admitter({
      redisUrl: `redis://127.0.0.1:${await closedPort()}`,
      redisPrefix: prefix,
      redisFailMode: failMode,
      observer: { redisUnavailable: (mode, op) => observed.push(`${mode}:${op}`) },
    });

  it("fail mode open (the default): calls go on, each process holding the limits alone; one warning", async () => {
    warnings.length = 0;
    observed.length = 0;
    const gate = await down("open");
    at(Date.UTC(2026, 11, 4, 13, 0, 0));
    const call = callOf({ rpm: 2, dailyTokens: 100 });
    expect(await gate.admit(call)).toEqual({ ok: true });
    expect(await gate.admit(call)).toEqual({ ok: true });
    expect(refusal(await gate.admit(call))).toMatchObject({ code: "rate_limit_exceeded", retry: 60 });
    await gate.charge(call, 150);
    at(clock + 60_000);
    expect(refusal(await gate.admit(call))).toMatchObject({ code: "daily_token_limit_exceeded" });
    expect(warnings).toEqual([
      "Redis unavailable: API key limits are held by each gateway process alone until it is back",
    ]);
    expect(observed).toEqual(["open:admit", "open:admit", "open:admit", "open:charge", "open:admit"]);
  });

  it("fail mode closed: calls of keys with limits get 503 limits_unavailable, others pass", async () => {
    const gate = await down("closed");
    const limited = callOf({ rpm: 100, dailyTokens: null });
    const started = performance.now();
    expect(refusal(await gate.admit(limited))).toEqual({ code: "limits_unavailable", status: 503, retry: 1 });
    expect(refusal(await gate.admit(limited))).toEqual({ code: "limits_unavailable", status: 503, retry: 1 });
    // Known to be down: the second call did not wait for a connection.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await gate.admit(callOf({ rpm: null, dailyTokens: null }))).toEqual({ ok: true });
    expect(await gate.admit(callOf({ rpm: 1, dailyTokens: null }, { apiKeyId: null }))).toEqual({ ok: true });
  });

  it("a Redis that goes away and comes back: local limits meanwhile, shared ones again after", async () => {
    warnings.length = 0;
    infos.length = 0;
    const port = await closedPort();
    let server = await startRedisServer(port);
    const url = `redis://127.0.0.1:${port}`;
    const a = admitter({ redisUrl: url, redisPrefix: prefix });
    const b = admitter({ redisUrl: url, redisPrefix: prefix });
    try {
      at(Date.UTC(2026, 11, 4, 14, 0, 0));
      const call = callOf({ rpm: 2, dailyTokens: null });
      expect((await a.admit(call)).ok).toBe(true);
      expect((await b.admit(call)).ok).toBe(true);
      expect(refusal(await a.admit(call))).toMatchObject({ code: "rate_limit_exceeded" });
      await server.stop();
      // Each process now holds the limit alone: 2 more each.
      const local = [await a.admit(call), await a.admit(call), await a.admit(call), await b.admit(call)];
      expect(local.map((x) => x.ok)).toEqual([true, true, false, true]);
      expect(warnings.length).toBe(2);
      server = await startRedisServer(port);
      await until(async () => (await a.admit(callOf({ rpm: 1, dailyTokens: null }))).ok && infos.length >= 1);
      await until(async () => (await b.admit(callOf({ rpm: 1, dailyTokens: null }))).ok && infos.length >= 2);
      // Shared again, and the new Redis starts empty: 2 between both, not 2 each.
      const shared = [await a.admit(call), await b.admit(call), await a.admit(call), await b.admit(call)];
      expect(shared.map((x) => x.ok)).toEqual([true, true, false, false]);
    } finally {
      await server.stop();
    }
  }, 30_000);
});

async function until(done: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
