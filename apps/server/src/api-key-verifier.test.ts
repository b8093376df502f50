import { randomBytes } from "node:crypto";
import {
  type ApiKeyDirectory,
  type ApiKeyVerification,
  ApiKeyVerifier,
  type ApiKeyVerifierOptions,
  databaseApiKeyDirectory,
} from "@infera/core";
import { type DatabaseHandle, openDatabase } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./main.js";
import type { HttpClient } from "./testing/http.js";
import { startTestServer } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

/** Our own port, wrapped to count what reaches the database. */
function counted(inner: ApiKeyDirectory) {
  const calls = { find: 0, lastUsed: 0, lastUsedKeys: 0 };
  const directory: ApiKeyDirectory = {
    findByDigest(digest) {
      calls.find += 1;
      return inner.findByDigest(digest);
    },
    recordLastUsed(uses) {
      calls.lastUsed += 1;
      calls.lastUsedKeys += uses.size;
      return inner.recordLastUsed(uses);
    },
  };
  return { calls, directory };
}

const wellFormedUnknown = () => `ifr_${randomBytes(32).toString("base64url")}`;

/** Polls (no fixed sleep) until `verify` answers `code`; answers the milliseconds it took. */
async function refusedWithin(v: ApiKeyVerifier, secret: string, code: string, limitMs: number) {
  const start = performance.now();
  for (;;) {
    const r = await v.verify(`Bearer ${secret}`);
    if (!r.ok && r.code === code) return performance.now() - start;
    if (performance.now() - start > limitMs)
      throw new Error(`still ${JSON.stringify(r)} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("ApiKeyVerifier: the gateway's cached key check, invalidated in every process by LISTEN/NOTIFY", () => {
  let server: RunningServer;
  let w: World;
  let developer: HttpClient;
  /** The second "process": its own connection (and LISTEN connection) on PostgreSQL. */
  let second: DatabaseHandle | null = null;
  const verifiers: ApiKeyVerifier[] = [];

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true });
    w = await createWorld(server.url);
    developer = w.users.developer!.client;
    const url = (server.database as { url?: string }).url;
    if (url) second = await openDatabase({ url, poolSize: 2 });
  });
  afterAll(async () => {
    for (const v of verifiers) await v.close();
    await second?.close();
    await server?.stop();
  });

  async function verifierOn(handle: DatabaseHandle, opts: Partial<ApiKeyVerifierOptions> = {}) {
    const { calls, directory } = counted(databaseApiKeyDirectory(handle.db));
    const v = new ApiKeyVerifier({ directory, changes: { listen: handle.listen }, ...opts });
    await v.start();
    verifiers.push(v);
    return { v, calls };
  }
  const two = async () =>
    [await verifierOn(server.database), await verifierOn(second ?? server.database)] as const;

  const createKey = async (body: Record<string, unknown> = {}) => {
    const res = await developer.post(`/projects/${w.projectId}/api-keys`, {
      name: `k${Date.now()}`,
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.body.data as { id: string; name: string; secret: string };
  };
  const okKey = (r: ApiKeyVerification) => {
    if (!r.ok) throw new Error(`refused: ${r.code}`);
    return r.key;
  };

  it("answers a valid key with its project, scopes and limits, and asks the database only once", async () => {
    const key = await createKey({ scopes: ["inference:invoke", "logs:read"], rpm_limit: 30 });
    const [{ v, calls }] = await two();
    const first = okKey(await v.verify(`Bearer ${key.secret}`));
    expect(first).toEqual({
      id: key.id,
      name: key.name,
      projectId: w.projectId,
      tenantId: w.tenantId,
      scopes: ["inference:invoke", "logs:read"],
      limits: { rpm: 30, dailyTokens: null },
    });
    expect(calls.find).toBe(1);
    for (let i = 0; i < 1000; i++) okKey(await v.verify(key.secret));
    expect(calls.find).toBe(1);
    // Fifty requests with a key it has not seen yet wait for one lookup.
    const fresh = await createKey();
    const all = await Promise.all(Array.from({ length: 50 }, () => v.verify(`Bearer ${fresh.secret}`)));
    expect(all.every((r) => r.ok)).toBe(true);
    expect(calls.find).toBe(2);
  });

  it("refuses a key revoked through the API in both processes within a second", async () => {
    const key = await createKey();
    const [a, b] = await two();
    okKey(await a.v.verify(`Bearer ${key.secret}`));
    okKey(await b.v.verify(`Bearer ${key.secret}`));
    const revoked = await developer.post(`/api-keys/${key.id}/revoke`, { confirm_name: key.name });
    expect(revoked.status, revoked.text).toBe(200);
    expect(await refusedWithin(a.v, key.secret, "revoked", 1000)).toBeLessThan(1000);
    expect(await refusedWithin(b.v, key.secret, "revoked", 1000)).toBeLessThan(1000);
    // Once known revoked, it is answered from memory again.
    const before = b.calls.find;
    expect(await b.v.verify(`Bearer ${key.secret}`)).toEqual({ ok: false, code: "revoked" });
    expect(b.calls.find).toBe(before);
  });

  it("applies a limit change and a rotation made in another process", async () => {
    const key = await createKey({ rpm_limit: 10 });
    const [, b] = await two();
    expect(okKey(await b.v.verify(key.secret)).limits.rpm).toBe(10);
    expect((await developer.patch(`/api-keys/${key.id}`, { rpm_limit: 99 })).status).toBe(200);
    const start = performance.now();
    while (okKey(await b.v.verify(key.secret)).limits.rpm !== 99) {
      expect(performance.now() - start).toBeLessThan(1000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const rotated = await developer.post(`/api-keys/${key.id}/rotate`, {});
    expect(rotated.status, rotated.text).toBe(201);
    await refusedWithin(b.v, key.secret, "revoked", 1000);
    expect(okKey(await b.v.verify(rotated.body.data.secret)).limits.rpm).toBe(99);
  });

  it("refuses an expired key from its cached expiry, with no lookup", async () => {
    let now = Date.now();
    const key = await createKey({ expires_at: new Date(now + 3_600_000).toISOString() });
    const { v, calls } = await verifierOn(server.database, {
      now: () => new Date(now),
      refreshAfterMs: 24 * 3_600_000,
    });
    okKey(await v.verify(key.secret));
    now += 2 * 3_600_000;
    expect(await v.verify(key.secret)).toEqual({ ok: false, code: "expired" });
    expect(calls.find).toBe(1);
  });

  it("answers unknown keys from a bounded negative cache, and malformed ones without a lookup", async () => {
    const { v, calls } = await verifierOn(server.database, { maxUnknown: 5 });
    for (const bad of ["", "Bearer ", "Bearer sk-openai", "ifr_short", `ifr_${"a".repeat(44)}`, null]) {
      expect(await v.verify(bad)).toEqual({ ok: false, code: "invalid" });
    }
    expect(calls.find).toBe(0);
    const flood = Array.from({ length: 20 }, wellFormedUnknown);
    for (const k of flood) expect(await v.verify(k)).toEqual({ ok: false, code: "invalid" });
    expect(calls.find).toBe(20);
    expect(v.cacheSizes().unknown).toBe(5);
    // The newest five are remembered: sent again, they cost nothing...
    for (let i = 0; i < 100; i++) await v.verify(flood[19]!);
    for (const k of flood.slice(15)) await v.verify(k);
    expect(calls.find).toBe(20);
    // ...and the oldest was pushed out, so it is looked up again.
    await v.verify(flood[0]!);
    expect(calls.find).toBe(21);
    expect(v.cacheSizes().unknown).toBe(5);
  });

  it("writes last use in one batch, not once per call", async () => {
    const k1 = await createKey();
    const k2 = await createKey();
    const { v, calls } = await verifierOn(server.database, { lastUsedEveryMs: 3_600_000 });
    for (let i = 0; i < 200; i++) {
      okKey(await v.verify(k1.secret));
      okKey(await v.verify(k2.secret));
    }
    // The first call wrote at once (nothing had been written yet); the other 399 wait for the interval.
    await v.flushLastUsed();
    expect(calls.lastUsed).toBe(2);
    expect(calls.lastUsedKeys).toBe(3);
    for (const k of [k1, k2]) {
      const read = await developer.get(`/api-keys/${k.id}`);
      expect(read.body.data.last_used_at, read.text).toBeTruthy();
    }
  });
});
