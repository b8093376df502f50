import { seedUser } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./main.js";
import { httpClient, loginAs } from "./testing/http.js";
import { startTestServer, TEST_ADMIN } from "./testing/test-server.js";

const PASSWORD = "the-right-password-123";
let n = 0;
const freshEmail = () => `login-${Date.now().toString(36)}-${++n}@example.test`;
/** Each test signs in from its own address (the server trusts X-Forwarded-For) so throttles never mix. */
const freshAddress = () => `10.9.${Math.floor(n / 200)}.${(++n % 200) + 1}`;

describe("login, sessions and tokens", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ INFERA_TRUST_PROXY: "1" });
  });
  afterAll(async () => server?.stop());

  const user = async (status: "active" | "disabled" = "active") => {
    const email = freshEmail();
    await seedUser(server.database.db, { email, password: PASSWORD, status });
    return email;
  };
  const login = (email: string, password: string, ip: string, extra: object = {}) =>
    httpClient(server.url).post("/auth/login", { email, password, ...extra }, { "x-forwarded-for": ip });

  it("answers unknown email, wrong password and disabled account with the same message", async () => {
    const ip = freshAddress();
    const unknown = await login(freshEmail(), PASSWORD, ip);
    const wrong = await login(await user(), "not-the-password", ip);
    const disabled = await login(await user("disabled"), PASSWORD, ip);
    for (const res of [unknown, wrong, disabled]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
    expect(new Set([unknown, wrong, disabled].map((r) => r.body.error.message)).size).toBe(1);
    expect((await login(await user(), PASSWORD, ip)).status).toBe(200);
  });

  it("throttles an attacker's address on an account while the owner signs in at once from another", async () => {
    const email = await user();
    const attacker = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(email, "wrong-password!", attacker)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    const held = await login(email, PASSWORD, attacker);
    expect(held.status).toBe(429);
    expect(held.body.error.code).toBe("rate_limit_exceeded");
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    // The owner, elsewhere, is not locked out by the attacker's failures.
    expect((await login(email, PASSWORD, freshAddress())).status).toBe(200);
  });

  it("slows an account past its ceiling of failures across many addresses, except from an address it used", async () => {
    const email = await user();
    const home = freshAddress();
    expect((await login(email, PASSWORD, home)).status).toBe(200);
    for (let i = 0; i < 100; i++) {
      const res = await login(email, "wrong-password!", `10.77.${Math.floor(i / 200)}.${(i % 200) + 1}`);
      expect(res.status).toBe(401);
    }
    const elsewhere = await login(email, PASSWORD, freshAddress());
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.body.error.code).toBe("rate_limit_exceeded");
    const wait = Number(elsewhere.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60); // slowed, not locked for long
    expect((await login(email, PASSWORD, home)).status).toBe(200);
  });

  it("throttles an address after many failures across accounts", async () => {
    const ip = freshAddress();
    for (let i = 0; i < 30; i++) expect((await login(freshEmail(), "wrong-password!", ip)).status).toBe(401);
    const locked = await login(await user(), PASSWORD, ip);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login(await user(), PASSWORD, freshAddress())).status).toBe(200);
  });

  it("cookie sessions read freely, write only with X-CSRF-Token", async () => {
    const res = await login(TEST_ADMIN.email, TEST_ADMIN.password, freshAddress());
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(res.body.data.token).toBeUndefined();
    const cookie = setCookie.split(";")[0]!;
    const csrf = res.body.data.csrf_token as string;

    const noCsrf = httpClient(server.url, { cookie });
    const me = await noCsrf.get("/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.data.csrf_token).toBe(csrf);
    const refused = await noCsrf.post("/tenants", { name: `Cookie ${freshEmail()}` });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    const wrong = await httpClient(server.url, { cookie, csrf: "not-the-token" }).post("/tenants", {
      name: `Cookie ${freshEmail()}`,
    });
    expect(wrong.status).toBe(403);
    const ok = await httpClient(server.url, { cookie, csrf }).post("/tenants", {
      name: `Cookie ${freshEmail()}`,
    });
    expect(ok.status).toBe(201);
  });

  it("bearer tokens write without CSRF; logout ends the session or token", async () => {
    const bearer = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    expect((await bearer.post("/tenants", { name: `Bearer ${freshEmail()}` })).status).toBe(201);
    expect((await bearer.post("/auth/logout")).status).toBe(204);
    const after = await bearer.get("/auth/me");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthenticated");

    const res = await login(TEST_ADMIN.email, TEST_ADMIN.password, freshAddress());
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const session = httpClient(server.url, { cookie, csrf: res.body.data.csrf_token });
    expect((await session.post("/auth/logout")).status).toBe(204);
    expect((await session.get("/auth/me")).status).toBe(401);
  });

  it("rejects a malformed Authorization header and an unknown token with 401", async () => {
    const malformed = await httpClient(server.url).get("/auth/me", { authorization: "Basic abc" });
    expect(malformed.status).toBe(401);
    const unknown = await httpClient(server.url, { token: "inf_t_unknown" }).get("/auth/me");
    expect(unknown.status).toBe(401);
  });
});

describe("an expired session", () => {
  it("answers 401 once the session's or token's lifetime has passed", async () => {
    let offsetMs = 0;
    const server = await startTestServer({}, { now: () => new Date(Date.now() + offsetMs) });
    try {
      const res = await httpClient(server.url).post("/auth/login", TEST_ADMIN);
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
      const session = httpClient(server.url, { cookie });
      const bearer = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
      expect((await session.get("/auth/me")).status).toBe(200);
      expect((await bearer.get("/auth/me")).status).toBe(200);
      offsetMs = 13 * 3_600_000; // past the 12 h cookie session, within the 30-day token
      const expired = await session.get("/auth/me");
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe("unauthenticated");
      expect((await bearer.get("/auth/me")).status).toBe(200);
      offsetMs = 31 * 86_400_000;
      expect((await bearer.get("/auth/me")).status).toBe(401);
    } finally {
      await server.stop();
    }
  });
});
