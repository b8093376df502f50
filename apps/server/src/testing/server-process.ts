/**
 * A real server in a process of its own, for tests that kill it (`kill -9`) and start another on
 * the same database and folders. Configured by the environment like production; prints
 * `WORKER <id>` when it runs a worker and `LISTENING <url>` when it serves, then `READY`. Run: `node --import tsx server-process.ts`.
 *
 * For the workload tests: INFERA_TEST_ROLES picks the roles (`api,worker` by default);
 * INFERA_TEST_SLOW_JOB=1 adds the test-only kind `test.slow`, whose handler prints
 * `JOB <id> ATTEMPT <n> STARTED|DONE` and runs for its payload's `ms`; INFERA_TEST_ENQUEUE_SLOW=<ms>
 * also enqueues one such job at start (once: an idempotency key). INFERA_TEST_SYSTEM_MODEL=1 registers
 * the bundled infera-tiny, for tests that train.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { testJobKinds } from "@infera/testing";
import type { JobHandlers } from "@infera/worker";
import pino from "pino";
import { loadConfig } from "../config.js";
import { BUNDLED_MODEL_DIR, type ServerRole, startServer } from "../main.js";
import { testPasswordCost } from "./test-server.js";

const env = process.env;
const handlers: JobHandlers = {
  "test.slow": async ({ job, signal }) => {
    console.log(`JOB ${job.id} ATTEMPT ${job.attempt} STARTED`);
    await sleep((job.payload as { ms: number }).ms, undefined, { signal });
    console.log(`JOB ${job.id} ATTEMPT ${job.attempt} DONE`);
  },
};
const server = await startServer(loadConfig(env), {
  log: pino({ level: env.INFERA_TEST_LOG ?? "warn" }),
  settings: { passwordHashCost: testPasswordCost },
  systemModelDir: env.INFERA_TEST_SYSTEM_MODEL === "1" ? BUNDLED_MODEL_DIR : null,
  roles: (env.INFERA_TEST_ROLES ?? "api,worker").split(",") as ServerRole[],
  jobs: env.INFERA_TEST_SLOW_JOB === "1" ? { kinds: testJobKinds, handlers } : undefined,
});
if (env.INFERA_TEST_ENQUEUE_SLOW) {
  const ctx = server.systemCtx;
  const r = await ctx.db.transaction((tx) =>
    ctx.queue.enqueue(
      { db: tx, inTransaction: true },
      "test.slow",
      { ms: Number(env.INFERA_TEST_ENQUEUE_SLOW) },
      {
        idempotencyKey: "crash-test",
      },
    ),
  );
  console.log(`ENQUEUED ${r.id} ${r.created ? "created" : "existing"}`);
}
if (server.worker) console.log(`WORKER ${server.worker.workerId}`);
if (server.url) console.log(`LISTENING ${server.url}`);
console.log("READY");
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
