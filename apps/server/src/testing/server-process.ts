/**
 * A real server in a process of its own, for tests that kill it (`kill -9`) and start another on
 * the same database and folders. Configured by the environment like production; prints
 * `WORKER <id>` when it runs a worker and `LISTENING <url>` when it serves, then `READY`. Run: `node --import tsx server-process.ts`.
 *
 * For the workload tests: INFERA_TEST_ROLES picks the roles (`api,worker` by default);
 * INFERA_TEST_SLOW_JOB=1 adds the test-only kind `test.slow`, whose handler prints
 * `JOB <id> ATTEMPT <n> STARTED|DONE` and runs for its payload's `ms`; INFERA_TEST_ENQUEUE_SLOW=<ms>
 * also enqueues one such job at start (once: an idempotency key). INFERA_TEST_SYSTEM_MODEL=1 registers
 * the bundled infera-tiny, for tests that train. INFERA_TEST_RECORD_USAGE=<n> records usage records
 * 0…n-1 (`usageRecordNo` of the gateway's tests) through the server's meter once it is ready, printing
 * `RECORDED <k>` after every 100 and at the end (`n` = -1: until the process is killed; numbering
 * starts at INFERA_TEST_RECORD_USAGE_FROM, default 0).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { usageRecordNo } from "@infera/gateway/testing";
import { testJobKinds } from "@infera/testing";
import type { JobHandlers } from "@infera/worker";
import pino from "pino";
import { loadConfig } from "../config.js";
import {
  isGatewayProcess,
  reportGatewayProcessReady,
  startGatewayProcesses,
  wantsGatewayProcesses,
} from "../gateway-processes.js";
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
const config = loadConfig(env);
const roles = (env.INFERA_TEST_ROLES ?? "api,gateway,worker").split(",") as ServerRole[];
// INFERA_GATEWAY_PROCESSES > 1: this process supervises that many gateway processes sharing its port.
if (wantsGatewayProcesses(config, roles)) {
  const log = pino({ level: env.INFERA_TEST_LOG ?? "warn" });
  const procs = await startGatewayProcesses({ count: config.gatewayProcesses, log });
  console.log(`GATEWAY_PIDS ${procs.pids().join(",")}`);
  console.log(`LISTENING ${procs.url}`);
  console.log("READY");
  process.on("SIGTERM", () => void procs.stop().then(() => process.exit(0)));
  await new Promise(() => {});
}
const server = await startServer(config, {
  log: pino({ level: env.INFERA_TEST_LOG ?? "warn" }),
  settings: { passwordHashCost: testPasswordCost },
  systemModelDir: env.INFERA_TEST_SYSTEM_MODEL === "1" ? BUNDLED_MODEL_DIR : null,
  roles,
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
if (isGatewayProcess()) reportGatewayProcessReady(server.url);
else console.log("READY");
if (env.INFERA_TEST_RECORD_USAGE && server.meter) {
  const n = Number(env.INFERA_TEST_RECORD_USAGE);
  const from = Number(env.INFERA_TEST_RECORD_USAGE_FROM ?? 0);
  for (let k = 0; n < 0 || k < n; k++) {
    server.meter.record(usageRecordNo(from + k));
    if ((k + 1) % 100 === 0 || k + 1 === n) console.log(`RECORDED ${k + 1}`);
    // Requests would interleave with the event loop; so does this stand-in for them.
    if ((k + 1) % 1000 === 0) await new Promise((r) => setImmediate(r));
  }
}
process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
