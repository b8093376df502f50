import cluster, { type Worker } from "node:cluster";
import { ConfigError, type InferaConfig } from "./config.js";
import type { ServerRole } from "./main.js";

/**
 * Several gateway processes on one machine (INFERA_GATEWAY_PROCESSES, decision 0044): the
 * process started by `infera serve --role gateway` becomes a supervisor that forks N gateway-only
 * processes with Node's cluster; they share the listening port (the supervisor hands each new
 * connection to one of them in turn). Each has its own routing table, key cache and usage journal
 * segments (named by pid in the one journal folder, so they never collide; every process's shipper
 * ships all of them, and a dead process's open segment is replayed by a live or the next one).
 */

/** Whether this start runs several gateway processes; throws ConfigError when it cannot. */
export function wantsGatewayProcesses(config: Readonly<InferaConfig>, roles: readonly ServerRole[]): boolean {
  if (config.gatewayProcesses <= 1 || cluster.isWorker) return false;
  if (roles.length !== 1 || roles[0] !== "gateway")
    throw new ConfigError(
      `INFERA_GATEWAY_PROCESSES=${config.gatewayProcesses} needs a gateway-only process (infera serve --role gateway); run the api and worker roles in another process`,
    );
  if (!config.databaseUrl)
    throw new ConfigError(
      "INFERA_GATEWAY_PROCESSES > 1 needs PostgreSQL (DATABASE_URL): the embedded database opens in one process only",
    );
  // Decision 0044: API keys' RPM and daily tokens counted in each process alone would multiply
  // with the processes; they are shared through Redis or the start is refused.
  if (!config.redisUrl)
    throw new ConfigError(
      "INFERA_GATEWAY_PROCESSES > 1 needs INFERA_REDIS_URL: API keys' limits must be counted across the processes",
    );
  return true;
}

export interface GatewayProcesses {
  /** The shared address (every process listens on it). */
  url: string;
  /** The pids of the gateway processes now running. */
  pids(): number[];
  /** SIGTERM to each: every one drains its calls and ships its journal; resolves when all exited. */
  stop(): Promise<void>;
}

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const READY = "infera.gateway.ready";

/** In a gateway process forked by the supervisor: tells it this process serves at `url`. */
export function reportGatewayProcessReady(url: string | null): void {
  if (cluster.isWorker) process.send?.({ type: READY, url });
}

export function isGatewayProcess(): boolean {
  return cluster.isWorker;
}

/**
 * In the supervisor: forks `count` processes running the same command (their `cluster.isWorker`
 * makes them start the gateway) and resolves once every one is ready (the first before the others
 * start). One that exits unexpectedly
 * later is replaced after a second; one that fails its first start fails the whole start.
 */
export function startGatewayProcesses({
  count,
  log,
}: {
  count: number;
  log: Log;
}): Promise<GatewayProcesses> {
  const running = new Set<Worker>();
  let stopping = false;
  let url: string | null = null;
  const fork = (): Promise<void> =>
    new Promise((ready, failed) => {
      const w = cluster.fork();
      running.add(w);
      let isReady = false;
      w.on("message", (m: { type?: string; url?: string | null }) => {
        if (m?.type !== READY) return;
        isReady = true;
        url ??= m.url ?? null;
        log.info({ pid: w.process.pid }, "gateway process ready");
        ready();
      });
      w.once("exit", (code, signal) => {
        running.delete(w);
        if (!isReady)
          return failed(new Error(`a gateway process exited while starting (code ${code}, ${signal})`));
        if (stopping) return;
        log.error({ pid: w.process.pid, code, signal }, "gateway process died; starting another in 1 s");
        setTimeout(() => {
          if (!stopping)
            fork().catch((err: Error) => log.error({ err: err.message }, "gateway process failed to start"));
        }, 1000).unref();
      });
    });
  const stop = async () => {
    stopping = true;
    await Promise.all(
      [...running].map(
        (w) =>
          new Promise<void>((done) => {
            if (w.isDead()) return done();
            w.once("exit", () => done());
            w.process.kill("SIGTERM");
          }),
      ),
    );
  };
  // The first alone: on a database not yet migrated, one process migrates it before the others open it.
  return fork()
    .then(() => Promise.all(Array.from({ length: count - 1 }, fork)))
    .then(
      () => ({ url: url ?? "", pids: () => [...running].map((w) => w.process.pid!), stop }),
      async (err: Error) => {
        await stop();
        throw err;
      },
    );
}
