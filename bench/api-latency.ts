/**
 * API latency of the Foundation's busiest reads and one write, over real HTTP on loopback, on the
 * embedded PGlite and on PostgreSQL. Each figure is reported with the baselines measured in the same
 * run: the same server answering /healthz (the floor of HTTP + framework) and the list query's own
 * SQL timed directly on the same database handle.
 *
 *   npx tsx bench/api-latency.ts            (BENCH_ENGINES=pglite or =postgres to run one)
 */
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { and, type Database, desc, eq, gte, like, lte, type SQL, sql, tables } from "@infera/db";
import { loadConfig, startServer } from "@infera/server";
import pino from "pino";
import { setupRequest as api, openBenchDatabase } from "./lib/bench-server.js";
import { writeSection } from "./lib/benchmarks-md.js";
import { measureCalls, measureHttp, type Stats } from "./lib/measure.js";
import { seedAuditEvents } from "./lib/seed-audit-events.js";
import { seedProjects } from "./lib/seed-projects.js";

const AUDIT_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 100_000);
const PROJECTS = 500;
const COUNT = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP = 20;
const MAX_MS = 2_500;
const CONCURRENCY = [1, 8];
const GOAL_P95_MS = 25;
const ADMIN = { email: "bench-admin@infera.test", password: "bench-admin-password-1" };
const POSTGRES_ADMIN_URL =
  process.env.INFERA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const engines = (process.env.BENCH_ENGINES ?? "pglite,postgres").split(",") as ("pglite" | "postgres")[];

interface Row {
  engine: string;
  figure: string;
  concurrency: number;
  http: Stats;
  healthz: Stats;
  sql?: Stats;
  /** A page-of-50 read of the 100k-row audit log: held to the goal. */
  goal?: boolean;
}

const rows: Row[] = [];
const notes: string[] = [];
const log = (msg: string) => process.stdout.write(`${msg}\n`);

/** The opaque keyset cursor the API hands out (shared/pagination.ts): [sort value, id] in base64url. */
function cursorOf(createdAt: Date, id: string) {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");
}

interface AuditFilter {
  action?: string;
  projectId?: string;
  actor?: string;
  resourceType?: string;
  from?: Date;
  to?: Date;
  cursor?: { createdAt: Date; id: string };
}

/** The query listAuditEvents issues for these filters, built the same way, for the SQL baseline. */
function auditListQuery(db: Database, tenantId: string, f: AuditFilter) {
  const t = tables.auditEvents;
  const where: SQL[] = [eq(t.tenantId, tenantId)];
  if (f.from) where.push(gte(t.createdAt, f.from));
  if (f.to) where.push(lte(t.createdAt, f.to));
  if (f.projectId) where.push(eq(t.projectId, f.projectId));
  if (f.actor) where.push(eq(t.actorLabel, f.actor));
  if (f.action)
    where.push(f.action.endsWith("*") ? like(t.action, `${f.action.slice(0, -1)}%`) : eq(t.action, f.action));
  if (f.resourceType) where.push(eq(t.resourceType, f.resourceType));
  if (f.cursor)
    where.push(
      sql`(${t.createdAt}, ${t.id}) < (${f.cursor.createdAt.toISOString()}::timestamptz, ${f.cursor.id})`,
    );
  return db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(51);
}

function auditPath(tenantId: string, f: AuditFilter) {
  const q = new URLSearchParams({ limit: "50" });
  if (f.from) q.set("from", f.from.toISOString());
  if (f.to) q.set("to", f.to.toISOString());
  if (f.action) q.set("action", f.action);
  if (f.projectId) q.set("project_id", f.projectId);
  if (f.actor) q.set("actor", f.actor);
  if (f.resourceType) q.set("resource_type", f.resourceType);
  if (f.cursor) q.set("cursor", cursorOf(f.cursor.createdAt, f.cursor.id));
  return `/api/v1/tenants/${tenantId}/audit-events?${q}`;
}

/** The query listProjects issues for a tenant admin's first page (to-project.ts, list-projects.ts). */
function projectListQuery(db: Database, tenantId: string, userId: string) {
  return db.execute(sql`select p.*,
      (select pm.user_id from project_members pm where pm.project_id = p.id and pm.role = 'owner' order by pm.created_at, pm.user_id limit 1) as owner_id,
      (select u.email from project_members pm join users u on u.id = pm.user_id where pm.project_id = p.id and pm.role = 'owner' order by pm.created_at, pm.user_id limit 1) as owner_email,
      (select pm.role from project_members pm where pm.project_id = p.id and pm.user_id = ${userId}) as role
    from projects p where p.tenant_id = ${tenantId}
    order by p.created_at desc, p.id desc limit 51`);
}

async function benchEngine(engine: "pglite" | "postgres") {
  const started = Date.now();
  const database = await openBenchDatabase(engine, POSTGRES_ADMIN_URL);
  const config = loadConfig({
    INFERA_PORT: "0",
    INFERA_ADMIN_EMAIL: ADMIN.email,
    INFERA_ADMIN_PASSWORD: ADMIN.password,
    INFERA_DATA_DIR: tmpdir(),
  });
  const server = await startServer(config, {
    log: pino({ level: process.env.BENCH_LOG ?? "silent" }),
    database,
  });
  const db = database.db;
  try {
    const origin = server.url;
    const login = await api(origin, null, "POST", "/auth/login", { ...ADMIN, issue_token: true });
    const token: string = login.data.token;
    const me = await api(origin, token, "GET", "/auth/me");
    const userId: string = me.data.user.id;
    const tenantId: string = me.data.tenants[0].id;

    // (a) ~500 projects in the admin's tenant (the bootstrap made one).
    await seedProjects(db, { tenantId, ownerId: userId, count: PROJECTS - 1 });

    // (b) A second tenant whose audit log holds AUDIT_EVENTS events over the last 90 days.
    const auditTenant = await api(origin, token, "POST", "/tenants", { name: "Audit history" });
    const auditTenantId: string = auditTenant.data.id;
    const now = Date.now();
    const t0 = Date.now();
    await seedAuditEvents(db, {
      tenantId: auditTenantId,
      count: AUDIT_EVENTS,
      from: new Date(now - 90 * 86_400_000),
      to: new Date(now - 60_000),
      actors: Array.from({ length: 40 }, (_, i) => ({ id: `usr_bench${i}`, label: `user${i}@example.com` })),
      projectIds: Array.from({ length: 60 }, (_, i) => `proj_bench${String(i).padStart(3, "0")}`),
    });
    const seedMs = Date.now() - t0;
    // PostgreSQL's autovacuum would analyze a table this size within a minute; do it now. PGlite
    // runs no autovacuum, so it plans from whatever statistics it has, as a real embedded install does.
    if (engine === "postgres") await db.execute(sql`analyze`);

    log(`${engine}: seeded in ${seedMs} ms`);
    const verifyStart = Date.now();
    const verify = await api(origin, token, "GET", `/tenants/${auditTenantId}/audit-events/verify`);
    const verifyMs = Date.now() - verifyStart;
    if (!verify.data.intact) throw new Error(`seeded chain is broken: ${JSON.stringify(verify.data)}`);
    notes.push(
      `${engine}: seeded ${AUDIT_EVENTS} audit events in ${(seedMs / 1000).toFixed(1)} s; verify over HTTP walked ${verify.data.checked} events in ${(verifyMs / 1000).toFixed(1)} s (intact).`,
    );

    // Deep pages: cursors at the middle of the whole log and of the filtered log.
    const t = tables.auditEvents;
    const middle = async (...extra: SQL[]) => {
      const [r] = await db
        .select({ createdAt: t.createdAt, id: t.id })
        .from(t)
        .where(and(eq(t.tenantId, auditTenantId), ...extra))
        .orderBy(desc(t.createdAt), desc(t.id))
        .offset(Math.floor(AUDIT_EVENTS / 2 / (extra.length ? 10 : 1)))
        .limit(1);
      if (!r) throw new Error("no row for the deep cursor");
      return r;
    };
    const dayStart = new Date(now - 45 * 86_400_000);
    const scenarios: { name: string; filter: AuditFilter }[] = [
      { name: "audit, first page", filter: {} },
      { name: "audit, deep page (cursor at 50%)", filter: { cursor: await middle() } },
      { name: "audit, action=project.member.update", filter: { action: "project.member.update" } },
      {
        name: "audit, action=project.member.update, deep",
        filter: {
          action: "project.member.update",
          cursor: await middle(eq(t.action, "project.member.update")),
        },
      },
      { name: "audit, resource_type=tenant (rare)", filter: { resourceType: "tenant" } },
      { name: "audit, action=project.member.* (prefix)", filter: { action: "project.member.*" } },
      {
        name: "audit, from/to one day",
        filter: { from: dayStart, to: new Date(dayStart.getTime() + 86_400_000) },
      },
    ];

    const figure = async (
      name: string,
      http: Omit<
        Parameters<typeof measureHttp>[0],
        "origin" | "token" | "concurrency" | "count" | "warmup" | "maxMs"
      >,
      sqlCall?: () => Promise<unknown>,
      goal?: boolean,
    ) => {
      for (const concurrency of CONCURRENCY) {
        const base = { count: COUNT, warmup: WARMUP, concurrency, maxMs: MAX_MS };
        const healthz = await measureHttp({
          origin,
          token,
          paths: ["/healthz"],
          expect: 200,
          ...base,
          count: 300,
          maxMs: 1_000,
        });
        const h = await measureHttp({
          origin,
          token,
          concurrency,
          count: COUNT,
          warmup: WARMUP,
          maxMs: MAX_MS,
          ...http,
        });
        const s = sqlCall ? await measureCalls(sqlCall, { ...base, maxMs: 1_500 }) : undefined;
        rows.push({ engine, figure: name, concurrency, http: h, healthz, sql: s, goal });
        log(
          `${engine.padEnd(8)} c=${concurrency} ${name.padEnd(44)} p50 ${h.p50.toFixed(2)} p95 ${h.p95.toFixed(2)} p99 ${h.p99.toFixed(2)} ms` +
            ` | healthz p95 ${healthz.p95.toFixed(2)}${s ? ` | sql p95 ${s.p95.toFixed(2)}` : ""} (n=${h.n})`,
        );
      }
    };

    await figure(
      "projects list, page of 50 (500 projects)",
      { paths: [`/api/v1/tenants/${tenantId}/projects?limit=50`], expect: 200 },
      () => projectListQuery(db, tenantId, userId),
    );
    for (const s of scenarios) {
      await figure(
        s.name,
        { paths: [auditPath(auditTenantId, s.filter)], expect: 200 },
        () => auditListQuery(db, auditTenantId, s.filter),
        true,
      );
    }
    // Creates last, so the projects list above saw exactly the seeded tenant.
    await figure("project create", {
      method: "POST",
      paths: [`/api/v1/tenants/${tenantId}/projects`],
      body: JSON.stringify({ name: "bench-{run}-{i}", env: "dev", description: "created by the benchmark" }),
      expect: 201,
    });
    log(`${engine}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await server.stop();
  }
}

/** What EXPLAIN ANALYZE showed when the goal was first checked (100 000 events, PGlite, no statistics). */
const FINDINGS = [
  "**Why filtered pages were slow, and the fix.** With only `(tenant_id, created_at, id)` and `(project_id, created_at, id)` indexed, `EXPLAIN ANALYZE` on PGlite (which runs no autovacuum, so it has no column statistics and guesses 0.5 % per equality) chose a bitmap scan of all 100 000 tenant rows plus a top-N sort: 279 ms for `action=project.member.update`, 181 ms for `resource_type=tenant`. With statistics (PostgreSQL after `ANALYZE`) the plan walks the time index and filters, fine for a common value but a walk through the whole history for a rare one. Migration `0002_audit_filter_indexes` adds `(tenant_id, <filter>, created_at, id)` for project_id, action, resource_type, actor_id and actor_label: each filtered page now reads ~51 index entries (0.2–0.4 ms execution) whatever the statistics. The list runs no `count(*)`, and the unfiltered first and deep pages were already index walks (0.3 ms).",
  "**Action prefix (`action=project.member.*`) on PGlite.** PGlite's C collation lets `LIKE 'project.member.%'` use the action index as a range; without statistics the planner takes it and sorts all ~30 000 matches (~325 ms execution); after `ANALYZE` it walks the time index instead (12 ms). PGlite has no autovacuum, so `infera up` now runs `ANALYZE` at start and every 10 minutes (`refreshPlannerStatistics`); this benchmark seeds after the server starts, so its PGlite figures include whatever statistics the last refresh saw.",
  "**Where the rest of a request goes.** The plans execute in well under 1 ms; the list's SQL baseline is the driver round trip and decoding 51 rows with their before/after JSON (PGlite runs in the server's own thread, so at concurrency 8 every request queues behind it). The API adds principal resolution and authorization (three small queries before the list's own) and serialization on top.",
];

function fmt(n: number) {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function report(): string {
  const cpu = cpus();
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 10)}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}; server and load generator share the machine (the client runs in a worker thread), loopback HTTP with keep-alive.`,
    "",
    `Each figure: ${WARMUP} warm-up requests, then up to ${COUNT} measured (or ${MAX_MS / 1000} s, whichever comes first) at concurrency 1 and 8. Latencies in milliseconds. Baselines measured in the same run, just before each figure: \`/healthz\` on the same server (HTTP + framework floor) and, for lists, the list's own SQL on the same database handle at the same concurrency. PGlite runs on disk (the default deployment); PostgreSQL 127.0.0.1:5432 is analyzed after seeding.`,
    "",
    `**Goal (issue 2):** p95 ≤ ${GOAL_P95_MS} ms for a page of 50 at ${AUDIT_EVENTS.toLocaleString("en-US")} audit rows (the spec asks < 500 ms).`,
    "",
    "| engine | figure | c | n | p50 | p95 | p99 | req/s | healthz p50 / p95 | × healthz p50 / p95 | SQL p50 / p95 | × SQL p50 / p95 | goal |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|",
  ];
  for (const r of rows) {
    const h = r.http;
    lines.push(
      `| ${r.engine} | ${r.figure} | ${r.concurrency} | ${h.n} | ${fmt(h.p50)} | ${fmt(h.p95)} | ${fmt(h.p99)} | ${h.rps.toFixed(0)} | ${fmt(r.healthz.p50)} / ${fmt(r.healthz.p95)} | ${(h.p50 / r.healthz.p50).toFixed(1)} / ${(h.p95 / r.healthz.p95).toFixed(1)} | ${r.sql ? `${fmt(r.sql.p50)} / ${fmt(r.sql.p95)}` : "—"} | ${r.sql ? `${(h.p50 / r.sql.p50).toFixed(1)} / ${(h.p95 / r.sql.p95).toFixed(1)}` : "—"} | ${r.goal ? (h.p95 <= GOAL_P95_MS ? "✓" : "✗") : ""} |`,
    );
  }
  const goalRows = rows.filter((r) => r.goal);
  const missed = goalRows.filter((r) => r.http.p95 > GOAL_P95_MS);
  lines.push(
    "",
    missed.length === 0
      ? `Goal met: every audit page of 50 has p95 ≤ ${GOAL_P95_MS} ms (worst ${fmt(Math.max(...goalRows.map((r) => r.http.p95)))} ms).`
      : `Goal missed by ${missed.length} of ${goalRows.length} audit figures: ${missed.map((r) => `${r.engine} c=${r.concurrency} ${r.figure} (${fmt(r.http.p95)} ms)`).join("; ")}.`,
    "",
    ...notes.map((n) => `- ${n}`),
    "",
    ...FINDINGS.flatMap((f) => [f, ""]),
  );
  return lines.join("\n");
}

notes.push(
  `load average before the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (1 / 5 / 15 min)`,
);
if ((loadavg()[0] ?? 0) > cpus().length)
  notes.push(
    "the machine was busy with other work during this run (load above its core count): absolute milliseconds are inflated and the request counts cut short by the time caps; compare the ratios, and re-run on a quiet machine before judging the goal.",
  );
for (const engine of engines) await benchEngine(engine);
notes.push(
  `load average after the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`,
);
const body = report();
log(`\n${body}`);
if (!process.env.BENCH_NO_WRITE) {
  writeSection(join(import.meta.dirname, "..", "docs", "benchmarks.md"), "## API latency (issue 2)", body);
  log("\nwritten to docs/benchmarks.md");
}
process.exit(0);
