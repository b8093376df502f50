import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openTestDatabase } from "@infera/testing";
import pino from "pino";
import { loadConfig } from "../config.js";
import { type RunningServer, type StartServerOptions, startServer } from "../main.js";

export const TEST_ADMIN = { email: "admin@infera.test", password: "admin-password-for-tests" };

/** Cheap argon2 parameters: tests create many users; production keeps the OWASP baseline. */
export const testPasswordCost = { memoryCost: 1024, timeCost: 1 };

/**
 * A real Infera server on a free loopback port over a fresh database of this run's engine
 * (PGlite or PostgreSQL), bootstrapped with a known admin.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  /** systemModelDir: register that folder as a system model at start (none unless given). */
  opts: {
    now?: () => Date;
    systemModelDir?: string;
    /** A database to use instead of a fresh one (a restart: the caller keeps it and closes it). */
    database?: RunningServer["database"];
    /** Extra job kinds and handlers for this server's worker (see startServer). */
    jobs?: StartServerOptions["jobs"];
    /**
     * The api role only: no worker of its own, so nothing schedules, runs or registers a node behind
     * the test's back (a test that drives scheduling passes itself).
     */
    apiOnly?: boolean;
    /** Where the server logs (a test reading its lines); silent unless INFERA_TEST_LOG says. */
    log?: StartServerOptions["log"];
    /** The playground's way to call services (a fake of the port: `echoInferenceCaller`). */
    inference?: StartServerOptions["inference"];
    /** The roles to run (default all three); wins over apiOnly. */
    roles?: StartServerOptions["roles"];
    /** The gateway's admitter (default: admit everything). */
    admitter?: StartServerOptions["admitter"];
  } = {},
): Promise<RunningServer & { engine: string }> {
  const database = opts.database ? { ...opts.database, close: async () => {} } : await openTestDatabase();
  // The audit key and anchor file go to a folder of this server's own unless the caller names one.
  const dataDir = env.INFERA_DATA_DIR ? undefined : join(tmpdir(), `infera-test-data-${randomUUID()}`);
  // Blobs go to a folder of this server's own (made on first put, removed on stop), never to the
  // working directory's .infera where a developer's own data may live.
  const blobDir = join(tmpdir(), `infera-test-blobs-${randomUUID()}`);
  const config = loadConfig({
    INFERA_PORT: "0",
    INFERA_BLOB_URL: pathToFileURL(blobDir).href,
    INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
    INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
    // Submitted jobs stay queued unless a test turns the scheduler on (INFERA_FINETUNE_MAX_CONCURRENT):
    // most tests exercise jobs as records, and training them would race their assertions.
    INFERA_FINETUNE_MAX_CONCURRENT: "0",
    // Likewise no replica starts unless a test turns the replica manager on (INFERA_MAX_REPLICAS).
    INFERA_MAX_REPLICAS: "0",
    // And no openai-compatible revision is checked (its state moved) unless a test turns checks on.
    INFERA_UPSTREAM_CHECK_SECONDS: "0",
    // The in-process worker's node is roomy whatever machine runs the tests, so the limits under
    // test, not this machine's CPUs, decide how many jobs run at once (a test sizes its own nodes).
    INFERA_NODE_CPUS: "64",
    INFERA_NODE_MEMORY_BYTES: String(256 * 1024 ** 3),
    ...(dataDir ? { INFERA_DATA_DIR: dataDir } : {}),
    ...env,
  });
  const log = opts.log ?? pino({ level: process.env.INFERA_TEST_LOG ?? "silent" });
  const server = (await startServer(config, {
    ...(opts.apiOnly ? { roles: ["api"] as const } : {}),
    ...(opts.roles ? { roles: opts.roles } : {}),
    admitter: opts.admitter,
    log,
    database,
    settings: { passwordHashCost: testPasswordCost },
    now: opts.now,
    systemModelDir: opts.systemModelDir ?? null,
    jobs: opts.jobs,
    inference: opts.inference,
  })) as RunningServer;
  return {
    ...server,
    engine: database.engine,
    async stop() {
      await server.stop();
      await rm(blobDir, { recursive: true, force: true });
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
