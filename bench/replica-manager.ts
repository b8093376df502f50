/**
 * The replica manager's placement pass (issue 11, decision 0025) on PostgreSQL: 1,000 replicas of
 * 500 services (one revision each, two replicas apiece) across 100 simulated worker nodes — node
 * rows with fresh heartbeats, each taking 20 replicas of `cpu-2` at most. Nothing is started: the
 * pass only decides and writes where replicas run (the nodes' own passes start them), so the bench
 * measures exactly the cluster-wide step every worker's `services.reconcile` begins with.
 *
 * - placing 1,000 replicas on an empty cluster (the pass after a restore, or a mass deploy);
 * - the steady pass: all 1,000 placed, nothing to change (what runs every 5 s);
 * - a node dies: its 10 replicas found lost and placed again on the other 99 nodes.
 *
 * Each figure is the median of BENCH_PASS_REPEATS passes (default 5), the state reset in between.
 *
 *   npx tsx bench/replica-manager.ts
 */
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { placeServiceReplicas } from "@infera/core";
import { type Database, sql } from "@infera/db";
import { loadConfig, startServer } from "@infera/server";
import pino from "pino";
import { setupRequest as api, openBenchDatabase } from "./lib/bench-server.js";
import { writeSection } from "./lib/benchmarks-md.js";
import { percentile } from "./lib/measure.js";

const ADMIN = { email: "bench-admin@infera.test", password: "bench-admin-password-1" };
const POSTGRES_ADMIN_URL =
  process.env.INFERA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REPEATS = Number(process.env.BENCH_PASS_REPEATS ?? 5);
const SERVICES = 500;
const NODES = 100;
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

const database = await openBenchDatabase("postgres", POSTGRES_ADMIN_URL);
const rows: string[] = [];
try {
  const db = database.db as Database;
  const server = await startServer(
    loadConfig({
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(tmpdir(), `infera-bench-replicas-${Date.now().toString(36)}`),
      INFERA_ADMIN_EMAIL: ADMIN.email,
      INFERA_ADMIN_PASSWORD: ADMIN.password,
      DATABASE_URL: database.url!,
    }),
    { log: pino({ level: "warn" }), systemModelDir: null, roles: ["api"] },
  );
  const login = await api(server.url!, null, "POST", "/auth/login", { ...ADMIN, issue_token: true });
  const token = login.data.token as string;
  const me = await api(server.url!, token, "GET", "/auth/me");
  const tenantId = me.data.tenants[0].id as string;
  const project = await api(server.url!, token, "POST", `/tenants/${tenantId}/projects`, {
    name: "serving",
    env: "dev",
  });
  const projectId = project.data.id as string;
  // 500 active services, each with one llama.cpp revision carrying all its traffic and wanting 2 replicas.
  const config = {
    model: { model_id: "mdl_bench", version_id: "mv_bench", base_version_id: null },
    runtime: { kind: "llama.cpp", context_size: 256, threads: 1, parallel: 1 },
    resources: { resource_class: "cpu-2", gpu_count: 0 },
    autoscaling: {
      metric: "concurrency",
      target: 4,
      min_replicas: 2,
      max_replicas: 2,
      scale_down_delay_seconds: 300,
      scale_to_zero: false,
    },
  };
  await db.execute(sql`
    insert into services (id, tenant_id, project_id, name, env, exposure, desired_state, current_state, created_at, updated_at)
    select 'svc_bench' || lpad(g::text, 17, '0'), ${tenantId}, ${projectId}, 'svc-' || g, 'dev', 'private',
      'active', 'pending', now(), now()
    from generate_series(1, ${SERVICES}) g`);
  await db.execute(sql`
    insert into service_revisions (id, service_id, tenant_id, project_id, number, config, config_hash,
      model_version_id, runtime_kind, traffic_percent, current_state, state_since, created_at)
    select 'rev_bench' || lpad(g::text, 17, '0'), 'svc_bench' || lpad(g::text, 17, '0'), ${tenantId}, ${projectId},
      1, ${JSON.stringify(config)}::jsonb, 'hash' || g, 'mv_bench', 'llama.cpp', 100, 'pending', now(),
      now() - (g || ' seconds')::interval
    from generate_series(1, ${SERVICES}) g`);
  // 100 simulated worker nodes: 64 CPUs and 1 TiB each (cpu-2 is 2 CPUs, 4 GiB), 20 replicas at most.
  await db.execute(sql`
    insert into nodes (id, name, roles, cpus, memory_bytes, gpus, version, max_replicas)
    select 'node_bench' || lpad(g::text, 16, '0'), 'bench-' || g, '["worker"]'::jsonb, 64, ${2 ** 40},
      '[]'::jsonb, 'bench', 20
    from generate_series(1, ${NODES}) g`);
  await db.execute(sql`analyze`);
  const ctx = server.systemCtx;
  const pass = async () => {
    const t0 = performance.now();
    const r = await placeServiceReplicas({ ctx });
    return { ...r, ms: performance.now() - t0 };
  };
  const alive = () => db.execute(sql`update nodes set last_seen_at = now()`);
  // Placed replicas as their nodes' passes leave them once started and healthy.
  const allReady = () =>
    db.execute(
      sql`update service_replicas set state = 'ready', port = 1, ready_at = now() where state = 'pending'`,
    );
  const empty = async () => {
    await db.execute(sql`delete from service_replicas`);
    await db.execute(sql`update service_revisions set current_state = 'pending', wait_reason = null`);
    await alive();
  };

  const fresh: number[] = [];
  const steady: number[] = [];
  const death: number[] = [];
  let placed = 0;
  let spread = "";
  let relocated = 0;
  for (let i = 0; i < REPEATS; i++) {
    await empty();
    const first = await pass();
    fresh.push(first.ms);
    placed = first.created;
    const perNode = (await db.execute(
      sql`select count(*)::int as n from service_replicas where state = 'pending' group by node_id order by 1`,
    )) as { rows: { n: number }[] };
    const counts = perNode.rows.map((r) => Number(r.n));
    spread = `${counts.length} nodes, ${Math.min(...counts)}–${Math.max(...counts)} each`;
    const doubled = (await db.execute(sql`select count(*)::int as n from (select revision_id, node_id
      from service_replicas where state = 'pending' group by 1, 2 having count(*) > 1) d`)) as {
      rows: { n: number }[];
    };
    if (Number(doubled.rows[0]!.n) > 0) throw new Error("two replicas of a revision on one node");
    await allReady();
    steady.push((await pass()).ms);
    // One node stops sending heartbeats: its replicas are lost and placed on the others.
    await db.execute(
      sql`update nodes set last_seen_at = now() - interval '1 hour' where id = 'node_bench' || lpad('1', 16, '0')`,
    );
    const lost = await pass();
    death.push(lost.ms);
    relocated = lost.created;
    if (lost.lost !== lost.created) throw new Error(`lost ${lost.lost}, placed again ${lost.created}`);
    log(
      `  pass ${i + 1}: 1,000 placed ${ms(first.ms)}; steady ${ms(steady[i]!)}; node lost (${lost.lost} moved) ${ms(lost.ms)} (load ${loadavg()[0]!.toFixed(1)})`,
    );
  }
  await server.stop().catch(() => {});
  const all = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
  log(
    `placement: 1,000 in ${ms(median(fresh))}; steady ${ms(median(steady))}; node lost ${ms(median(death))}`,
  );
  rows.push(
    `| placing 1,000 replicas (500 revisions × 2) on 100 empty nodes (median of ${fresh.length}: ${all(fresh)} ms) | ${ms(median(fresh))} | ${placed} placed, ${spread}, no revision twice on a node: ${Math.round(placed / (median(fresh) / 1000))} placements/s | ≤ 1 s | ${median(fresh) <= 1000 ? "met" : "**not met**"} |`,
    `| the steady pass: 1,000 replicas ready, nothing to change (median of ${steady.length}: ${all(steady)} ms) | ${ms(median(steady))} | every 5 s on every worker | ≤ 1 s | ${median(steady) <= 1000 ? "met" : "**not met**"} |`,
    `| a node's heartbeat expires: its replicas lost and placed again (median of ${death.length}: ${all(death)} ms) | ${ms(median(death))} | ${relocated} replicas moved to the other 99 nodes | ≤ 1 s | ${median(death) <= 1000 ? "met" : "**not met**"} |`,
  );
} finally {
  await database.close();
}

const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load ${loadavg()[0]!.toFixed(1)}; PostgreSQL on 127.0.0.1, one \`placeServiceReplicas\` pass (the cluster-wide step of \`services.reconcile\`, under its advisory lock) timed in-process; simulated nodes are rows with heartbeats, no replica process starts. \`npx tsx bench/replica-manager.ts\`.`,
  "",
  "| figure | median | detail | goal | |",
  "|---|---|---|---|---|",
  ...rows,
].join("\n");
writeSection("docs/benchmarks.md", "## Replica manager placement (bench/replica-manager.ts)", body);
