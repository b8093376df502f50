import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Every database suite runs on the embedded PGlite (project "pglite"). Only the suites where the two
 * engines can differ run again on the PostgreSQL server (project "postgres"): PGlite is the same
 * PostgreSQL, but one connection in one process, so what differs is migrations, concurrent
 * transactions and locks (FOR UPDATE, advisory locks), restarts and crashes of the process holding
 * the database, raw SQL, and the tenant isolation every route must keep. A suite that only goes
 * through routes and verbs one request at a time runs on PGlite only. Add a file here when it tests
 * one of those things; the rule is in AGENTS.md ("Which suites run on both engines").
 */
const bothEngineSuites = [
  // Migrations and backfills, raw SQL against the schema.
  "packages/db/src/**/*.test.ts",
  // Keyset pagination: raw SQL row comparisons and ordering.
  "packages/core/src/shared/pagination.test.ts",
  // Concurrent requests racing for the same rows: transactions and row locks.
  "apps/server/src/concurrency.test.ts",
  // The hash-chained audit log: FOR UPDATE on the chain head, anchors.
  "apps/server/src/audit.test.ts",
  "apps/server/src/audit-anchors.test.ts",
  // Tenant and project isolation of every route, and of blobs across tenants.
  "apps/server/src/security/security-matrix.test.ts",
  "apps/server/src/security/blob-references.test.ts",
  // Uploads across a server restart and a killed server process; blob garbage collection.
  "apps/server/src/routes/uploads/uploads.test.ts",
  "apps/server/src/routes/uploads/upload-crash.test.ts",
  "apps/server/src/routes/admin/blob-gc.test.ts",
  // The job queue and its workers: FOR UPDATE SKIP LOCKED, leases and schedules raced by several
  // connections; a server killed with -9 mid-job.
  "apps/worker/src/**/*.test.ts",
  "apps/server/src/workload-crash.test.ts",
  "apps/server/src/fine-tuning-crash.test.ts",
  "apps/server/src/service-replicas-crash.test.ts",
  "apps/server/src/service-replica-backoff.test.ts",
  "apps/server/src/upstream-checks-crash.test.ts",
  // Replica placement: passes of two nodes racing under the placement pass's advisory lock.
  "apps/server/src/routes/services/replica-placement.test.ts",
  "apps/server/src/fine-tuning-node-move.test.ts",
  // Evaluation runs: batches written once each and ends racing under the run's row lock; a server
  // killed with -9 mid-run.
  "apps/server/src/evaluation-run-verbs.test.ts",
  "apps/server/src/evaluation-crash.test.ts",
  "apps/server/src/evaluation-regression-gate.test.ts",
  // Issue 13's journey: base vs fine-tuned gate runs, promotion with evidence, ratings exported.
  "apps/server/src/evaluation-journey.test.ts",
  // Housekeeping schedules: ANALYZE is scheduled on PGlite only.
  "apps/server/src/housekeeping.test.ts",
  // Fine-tuning jobs: conditional state transitions under row locks, keyset lists with raw SQL,
  // and ids of another tenant answered like unknown ones.
  "apps/server/src/routes/fine-tuning/fine-tuning.test.ts",
  // Services: deploys and traffic edits under the service's row lock, conditional revision
  // transitions, keyset lists with raw SQL, another tenant's ids answered like unknown ones.
  "apps/server/src/routes/services/services.test.ts",
  "apps/server/src/routes/services/service-metrics.test.ts",
  // The gateway's view of a service: raw SQL over usage_minutes (array subscripts, float8 sums).
  "apps/server/src/routes/services/service-gateway-metrics.test.ts",
  // Metrics on every node: two workers' own schedules ticked on their own connections (decision 0033).
  "apps/server/src/routes/services/service-metrics-nodes.test.ts",
  // Side-by-side ratings: upsert of one rating per rater under a row lock, keyset pages, another
  // tenant's run and dataset ids answered like unknown ones, the migration's dataset lineage column.
  "apps/server/src/routes/evaluation-ratings/evaluation-ratings.test.ts",

  // Service logs: two shipments of one replica at once under the per-service advisory lock.
  "apps/server/src/routes/services/service-logs.test.ts",
  "apps/server/src/routes/fine-tuning/job-lifecycle.test.ts",
  "apps/server/src/routes/fine-tuning/job-checkpoints.test.ts",
  "apps/server/src/routes/fine-tuning/job-metrics.test.ts",
  // Fine-tuning runs: the worker's event writes and a user's cancel racing under row and advisory
  // locks; the event stream woken by LISTEN/NOTIFY.
  "apps/server/src/routes/fine-tuning/job-run.test.ts",
  // Webhook deliveries: queue items whose lease is expired mid-request, fractional run-after delays.
  "apps/server/src/routes/webhooks/webhooks.test.ts",
  // API keys: two verifiers on their own connections, a revoke reaching both through LISTEN/NOTIFY.
  "apps/server/src/api-key-verifier.test.ts",
  // The scheduler: passes racing on several connections under one advisory lock.
  "apps/server/src/routes/fine-tuning/scheduling.test.ts",
  // The scheduler's bulk write: two passes racing, a cancel landing between the plan and the write.
  "apps/server/src/routes/fine-tuning/bulk-placement.test.ts",
  // Nodes: placement on free capacity under the scheduler's lock, liveness by the database's clock.
  "apps/server/src/routes/nodes/nodes.test.ts",
  // Notifications: LISTEN/NOTIFY delivered on commit, per-user seqs in commit order under locks.
  "apps/server/src/routes/notifications/notifications.test.ts",
  // One whole path through the real server, as a deployment on PostgreSQL runs it.
  "apps/server/src/golden-path.test.ts",
  // Usage metering: raw SQL upserts of the rollups, a journal writer killed with -9.
  "apps/gateway/src/**/*.test.ts",
  "apps/server/src/usage-metering-crash.test.ts",
  // The gateway killed -9 / stopped under load; two gateway processes sharing Redis (PostgreSQL only).
  "apps/server/src/gateway-crash.test.ts",
  // Usage report: raw SQL aggregation of the rollups (array elements, float casts); the cost
  // estimator's cache dropped by LISTEN/NOTIFY.
  "apps/server/src/routes/usage/usage.test.ts",
  "apps/server/src/call-cost-estimator.test.ts",
  // The prod release gate: the newest finished gate run by timestamp and jsonb verdict, under the model's row lock.
  "apps/server/src/routes/evaluation-gate-rules/gates.test.ts",
  "apps/server/src/routes/evaluation-benchmarks/benchmarks.test.ts",
  // Evaluation runs: samples ordered by a float cast of a JSON score with a keyset over it, JSONB
  // containment for references, another tenant's ids answered like unknown ones.
  "apps/server/src/routes/evaluations/evaluations.test.ts",
];

// A renamed or moved suite must not silently drop off PostgreSQL.
for (const file of bothEngineSuites.filter((f) => !f.includes("*"))) {
  if (!existsSync(new URL(file, import.meta.url)))
    throw new Error(`vitest.config.ts: ${file} does not exist`);
}

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, whose second
    // core then mostly idles while suites wait on servers, child processes and PostgreSQL. Two workers
    // there took the server suites from 6 min 41 s to 5 min 8 s on a loaded machine, same CPU time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: "pglite",
          include: ["apps/*/src/**/*.test.ts", "packages/*/src/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["packages/runtimes/**", "packages/executors/**", "apps/web/**", "**/node_modules/**"],
          env: { INFERA_TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "postgres",
          include: bothEngineSuites,
          env: { INFERA_TEST_DB: "postgres" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "web",
          include: ["apps/web/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["apps/web/src/test/setup.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          // Real Chromium against a real `infera up` (scripts/test.sh installs Chromium and builds the console).
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.test.ts"],
          environment: "node",
          globalSetup: ["apps/web/e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          // Real child processes, signals, process groups and memory limits; one test trains the
          // reference runtime through the executor.
          name: "executors",
          include: ["packages/executors/src/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
      {
        test: {
          name: "runtimes",
          include: ["packages/runtimes/src/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          pool: "forks",
        },
      },
    ],
  },
});
