import { renameSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { ggufFileProblem } from "./check-gguf-file.js";
import { ReplicaMetrics } from "./replica-metrics.js";
import { parseReplicaArgs, UsageError } from "./replica-options.js";
import { createReplicaServer, type ReplicaState } from "./replica-server.js";
import type { ServingEngine } from "./serving-engine.js";

/** The one line on stderr a replica manager shows as the runtime's own error. */
function fail(code: string, message: string): number {
  process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
  return code === "usage" ? 2 : 1;
}

function log(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
}

/**
 * `infera-serve`: starts loading the model and listens meanwhile (`/health` answers 503), then
 * answers; on SIGTERM or SIGINT stops accepting, lets in-flight requests finish for the grace period,
 * aborts the rest, frees the model and exits 0. Resolves with the exit code.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let options: ReturnType<typeof parseReplicaArgs>;
  try {
    options = parseReplicaArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail("usage", e.message);
    throw e;
  }
  for (const [path, what] of [
    [options.modelPath, "model"],
    ...options.loras.map((l) => [l.filePath, "LoRA adapter"]),
  ] as const) {
    const problem = await ggufFileProblem(path, what);
    if (problem) return fail(`${what === "model" ? "model" : "adapter"}_${problem.code}`, problem.message);
  }

  const shutdown = new AbortController();
  const state: ReplicaState = {
    stopping: false,
    parallel: options.parallel,
    maxBodyBytes: options.maxBodyBytes,
    modelId: options.modelId,
    metrics: new ReplicaMetrics(),
    log,
  };
  // Loading starts at once (node-llama-cpp's import and its binary check take seconds) while the
  // server comes up, so /health answers 503 meanwhile.
  const loadStarted = performance.now();
  const loading = import("./serving-engine.js").then(({ ServingEngine }) => ServingEngine.load(options));
  loading.catch(() => undefined);
  const server = createReplicaServer(state);
  server.keepAliveTimeout = 65_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, resolve);
    });
  } catch (e) {
    return fail("listen_failed", `cannot listen on ${options.host}:${options.port}: ${(e as Error).message}`);
  }
  const port = (server.address() as AddressInfo).port;
  log({
    level: "info",
    msg: "listening",
    host: options.host,
    port,
    uptimeMs: Math.round(process.uptime() * 1000),
  });

  let engine: ServingEngine;
  try {
    engine = await loading;
  } catch (e) {
    server.close();
    return fail(
      "model_load_failed",
      `llama.cpp could not load ${options.modelPath}: ${(e as Error).message}`,
    );
  }
  const loadMs = Math.round(performance.now() - loadStarted);
  state.ready = { engine, metrics: state.metrics, modelId: options.modelId, shutdown: shutdown.signal };
  if (options.readyFile) {
    const tmp = `${options.readyFile}.tmp`;
    writeFileSync(tmp, JSON.stringify({ port, pid: process.pid, model: options.modelId, loadMs }));
    renameSync(tmp, options.readyFile);
  }
  log({
    level: "info",
    msg: "ready",
    port,
    model: options.modelId,
    loadMs,
    parallel: options.parallel,
    uptimeMs: Math.round(process.uptime() * 1000),
  });

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  log({ level: "info", msg: "stopping", signal });
  state.stopping = true;
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  engine.pool.rejectWaiting();
  const grace = setTimeout(() => {
    shutdown.abort(new Error("replica stopping"));
    server.closeAllConnections();
  }, options.shutdownGraceMs);
  await closed;
  clearTimeout(grace);
  await engine.dispose();
  log({ level: "info", msg: "stopped" });
  return 0;
}
