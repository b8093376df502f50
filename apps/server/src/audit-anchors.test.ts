import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { anchorAuditChains, auditHash, generateAuditKeyPem } from "@infera/core";
import { and, asc, eq, gte, sql, tables } from "@infera/db";
import { openTestDatabase } from "@infera/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";
import { startServer } from "./main.js";
import { createWorld, type World } from "./security/world.js";
import { type HttpClient, loginAs } from "./testing/http.js";
import { startTestServer, TEST_ADMIN } from "./testing/test-server.js";

type Db = World["server"]["database"]["db"];

/** The attacker's (or the test's own DBA's) step: the append-only trigger is switched off for it. */
async function asSuperuser(db: Db, fn: () => Promise<unknown>) {
  await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  try {
    await fn();
  } finally {
    await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  }
}

async function chainOf(db: Db, chain: string) {
  const t = tables.auditEvents;
  return db.select().from(t).where(eq(t.chainKey, chain)).orderBy(asc(t.chainSeq));
}

/** A tenant of its own with a few events, so tampering with it breaks no other test's chain. */
async function tenantWithEvents(platform: HttpClient, label: string, updates = 4) {
  const t = await platform.post("/tenants", { name: `${label} ${Math.random().toString(36).slice(2)}` });
  expect(t.status).toBe(201);
  const tenantId = t.body.data.id as string;
  for (let i = 0; i < updates; i++) {
    const r = await platform.patch(`/tenants/${tenantId}`, { name: `${label} ${i} ${Date.now()}` });
    expect(r.status).toBe(200);
  }
  return tenantId;
}

describe("audit anchors", () => {
  let world: World;
  const db = () => world.server.database.db;
  const verify = async (tenantId: string) => {
    const res = await world.platform.get(`/tenants/${tenantId}/audit-events/verify`);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  };
  const anchor = (tenantId: string) => world.platform.post(`/tenants/${tenantId}/audit-events/anchor`);

  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world?.stop());

  it("a clean chain verifies against its anchor; later events are counted as not yet anchored", async () => {
    const tenantId = await tenantWithEvents(world.platform, "Clean");
    const before = await verify(tenantId);
    expect(before).toMatchObject({ intact: true, anchor: { status: "missing", not_yet_anchored: 5 } });

    const res = await anchor(tenantId);
    expect(res.status, res.text).toBe(201);
    const a = res.body.data;
    // The request is itself an event, and the anchor covers it.
    expect(a).toMatchObject({ chain: tenantId, sequence: 6, count: 6 });
    expect(a.key_id).toMatch(/^[0-9a-f]{16}$/);
    const [last] = (await chainOf(db(), tenantId)).slice(-1);
    expect(last).toMatchObject({ id: a.event_id, hash: a.hash, action: "tenant.audit.anchor" });
    const line = readFileSync(world.server.auditAnchoring.log.location, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .findLast((l) => l.chain === tenantId);
    expect(line).toMatchObject({ v: 1, ...a });

    await world.platform.patch(`/tenants/${tenantId}`, { name: `Clean later ${Date.now()}` });
    await world.platform.patch(`/tenants/${tenantId}`, { name: `Clean later ${Date.now()}` });
    const after = await verify(tenantId);
    expect(after).toMatchObject({
      intact: true,
      checked: 8,
      first_broken: null,
      anchor: { status: "ok", sequence: 6, hash: a.hash, anchored_at: a.anchored_at, not_yet_anchored: 2 },
    });
  });

  it("reports truncation: the newest events deleted and the chain head rolled back", async () => {
    const tenantId = await tenantWithEvents(world.platform, "Truncated");
    expect((await anchor(tenantId)).status).toBe(201);
    const chain = await chainOf(db(), tenantId);
    const keep = chain[3]!; // events 1-4 stay, 5 and the anchor request (6) go
    await asSuperuser(db(), async () => {
      const t = tables.auditEvents;
      await db()
        .delete(t)
        .where(and(eq(t.chainKey, tenantId), gte(t.chainSeq, 5)));
      await db()
        .update(tables.auditChainHeads)
        .set({ lastSeq: keep.chainSeq, lastHash: keep.hash })
        .where(eq(tables.auditChainHeads.chainKey, tenantId));
    });
    const result = await verify(tenantId);
    expect(result.checked).toBe(4);
    expect(result.intact).toBe(false);
    expect(result.anchor).toMatchObject({ status: "truncated", sequence: 6 });
    expect(result.first_broken).toMatchObject({ chain_seq: 6, event_id: chain[5]!.id });
    expect(result.first_broken.reason).toMatch(/cut back/);

    // Anchoring does not bless the shorter chain: neither on request nor periodically.
    const again = await anchor(tenantId);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/cut back/);
    const run = await anchorAuditChains({ ctx: { ...world.server.systemCtx, db: db() } });
    expect(run.refused.map((r) => r.chain)).toContain(tenantId);
    expect((await verify(tenantId)).anchor.status).toBe("truncated");
  });

  it("reports re-hashing: a row edited and every later hash recomputed with the project's own function", async () => {
    const tenantId = await tenantWithEvents(world.platform, "Rehashed");
    expect((await anchor(tenantId)).status).toBe(201);
    const chain = await chainOf(db(), tenantId);
    await asSuperuser(db(), async () => {
      let prevHash = chain[1]!.hash;
      for (const row of chain.slice(2)) {
        const edited = row.chainSeq === 3 ? { ...row, after: { name: "forged" } } : row;
        const hash = auditHash(prevHash, edited);
        await db()
          .update(tables.auditEvents)
          .set({ after: edited.after, prevHash, hash })
          .where(eq(tables.auditEvents.id, row.id));
        prevHash = hash;
      }
      await db()
        .update(tables.auditChainHeads)
        .set({ lastHash: prevHash })
        .where(eq(tables.auditChainHeads.chainKey, tenantId));
    });
    const result = await verify(tenantId);
    expect(result.checked).toBe(6); // the chain itself is consistent again
    expect(result.intact).toBe(false);
    expect(result.anchor).toMatchObject({ status: "mismatch", sequence: 6, hash: chain[5]!.hash });
    expect(result.first_broken).toMatchObject({ chain_seq: 6, event_id: chain[5]!.id });
    expect(result.first_broken.reason).toMatch(/rewritten/);
    expect((await anchor(tenantId)).status).toBe(409);
  });

  it("reports an anchor line altered in the file", async () => {
    const tenantId = await tenantWithEvents(world.platform, "Altered anchor", 1);
    expect((await anchor(tenantId)).status).toBe(201);
    const file = world.server.auditAnchoring.log.location;
    const lines = readFileSync(file, "utf8").split("\n");
    const i = lines.findLastIndex((l) => l.includes(`"chain":"${tenantId}"`));
    lines[i] = lines[i]!.replace(/"count":(\d+)/, (_, n) => `"count":${Number(n) + 5}`);
    writeFileSync(file, lines.join("\n"));
    const result = await verify(tenantId);
    expect(result.intact).toBe(false);
    expect(result.anchor.status).toBe("bad_signature");
    expect(result.anchor.reason).toMatch(/altered/);
  });

  it("lets platform admins list, verify and anchor the platform chain, and no one else", async () => {
    const platform = world.platform;
    const list = await platform.get("/tenants/platform/audit-events?action=auth.login");
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((e: { tenant_id: string | null }) => e.tenant_id === null)).toBe(true);
    const anchored = await platform.post("/tenants/platform/audit-events/anchor");
    expect(anchored.status, anchored.text).toBe(201);
    expect(anchored.body.data.chain).toBe("platform");
    const v = await platform.get("/tenants/platform/audit-events/verify");
    expect(v.status).toBe(200);
    expect(v.body.data).toMatchObject({
      tenant_id: "platform",
      intact: true,
      anchor: { status: "ok", sequence: anchored.body.data.sequence },
    });
    expect(v.body.data.checked).toBeGreaterThanOrEqual(anchored.body.data.sequence);

    const tenantAdmin = await world.clientFor("tenant_admin");
    for (const [method, path] of [
      ["GET", "/tenants/platform/audit-events/verify"],
      ["GET", "/tenants/platform/audit-events"],
      ["POST", "/tenants/platform/audit-events/anchor"],
    ] as const) {
      const res = await tenantAdmin.request(method, path);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });
});

describe("audit signing key and anchors across restarts", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const dataDir = mkdtempSync(join(tmpdir(), "infera-audit-anchors-"));
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const start = () => startTestServer({ INFERA_DATA_DIR: dataDir }, { database });

  it("creates the key with mode 0600, anchors on shutdown, and a restarted server checks against the same anchors", async () => {
    const first = await start();
    let tenantId: string;
    try {
      const key = statSync(join(dataDir, "audit.key"));
      expect(key.mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dataDir, "audit.key.pub"), "utf8")).toContain("BEGIN PUBLIC KEY");
      const platform = await loginAs(first.url, TEST_ADMIN.email, TEST_ADMIN.password);
      tenantId = await tenantWithEvents(platform, "Restarted", 2);
    } finally {
      await first.stop();
    }
    // The shutdown anchored the three new events (the file is read before anything else starts).
    const lines = readFileSync(join(dataDir, "audit-anchors.jsonl"), "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l)).findLast((l) => l.chain === tenantId)).toMatchObject({
      sequence: 3,
      count: 3,
    });
    const second = await start();
    try {
      const platform = await loginAs(second.url, TEST_ADMIN.email, TEST_ADMIN.password);
      const v = await platform.get(`/tenants/${tenantId}/audit-events/verify`);
      expect(v.body.data).toMatchObject({
        intact: true,
        anchor: { status: "ok", sequence: 3, not_yet_anchored: 0 },
      });
      // The anchors written before the restart still catch a cut-back chain.
      const db = second.database.db;
      const chain = await chainOf(db, tenantId);
      await asSuperuser(db, async () => {
        await db.delete(tables.auditEvents).where(eq(tables.auditEvents.id, chain[2]!.id));
        await db
          .update(tables.auditChainHeads)
          .set({ lastSeq: 2, lastHash: chain[1]!.hash })
          .where(eq(tables.auditChainHeads.chainKey, tenantId));
      });
      const after = await platform.get(`/tenants/${tenantId}/audit-events/verify`);
      expect(after.body.data).toMatchObject({ intact: false, anchor: { status: "truncated", sequence: 3 } });
    } finally {
      await second.stop();
    }
  });

  it("reads where the key and anchors live, and the interval, from the environment once", () => {
    const c = loadConfig({ INFERA_DATA_DIR: "/srv/infera" });
    expect(c).toMatchObject({
      auditKeyFile: "/srv/infera/audit.key",
      auditAnchorFile: "/srv/infera/audit-anchors.jsonl",
      auditAnchorIntervalMinutes: 5,
    });
    const own = loadConfig({
      INFERA_AUDIT_KEY_FILE: "/etc/infera/audit.key",
      INFERA_AUDIT_ANCHOR_FILE: "/var/log/infera/anchors.jsonl",
      INFERA_AUDIT_ANCHOR_INTERVAL_MINUTES: "1",
    });
    expect(own).toMatchObject({
      auditKeyFile: "/etc/infera/audit.key",
      auditAnchorFile: "/var/log/infera/anchors.jsonl",
      auditAnchorIntervalMinutes: 1,
    });
    expect(() => loadConfig({ INFERA_AUDIT_ANCHOR_INTERVAL_MINUTES: "0" })).toThrow(ConfigError);
  });

  it("refuses to start with a key others may read, or one that is no Ed25519 key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "infera-audit-key-"));
    try {
      const keyFile = join(dir, "audit.key");
      const boot = () =>
        startServer(loadConfig({ INFERA_PORT: "0", INFERA_DATA_DIR: dir, INFERA_AUDIT_KEY_FILE: keyFile }), {
          log: pino({ level: "silent" }),
          database: { ...database, close: async () => {} },
        });
      writeFileSync(keyFile, generateAuditKeyPem(), { mode: 0o644 });
      chmodSync(keyFile, 0o644);
      await expect(boot()).rejects.toThrow(/may be read by others \(mode 0644\): run chmod 600/);
      writeFileSync(keyFile, "not a key\n");
      chmodSync(keyFile, 0o600);
      await expect(boot()).rejects.toThrow(/INFERA_AUDIT_KEY_FILE .* needs exactly one "BEGIN PRIVATE KEY"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
