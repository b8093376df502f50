import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { EvaluationGenerator, EvaluationRunPlan, Execution, Logger, ServiceContext } from "@infera/core";
import { materializeModelFile } from "../../serving/materialize-model-file.js";
import { readyPort } from "../../serving/replica-health.js";

import { Detached, type EvaluationRunOptions } from "./options.js";

export interface PrivateReplica {
  port: number;
  stop(): Promise<void>;
}

/**
 * The run's own replica of a model version: its files copied from the blob store into the cache,
 * what a killed worker left in the workspace reaped, `infera-serve` started with the runtime's
 * arguments, and its ready file awaited. Never in the routing table: only this run calls it.
 */
export async function startPrivateReplica(
  ctx: ServiceContext,
  plan: EvaluationRunPlan,
  gen: Extract<EvaluationGenerator, { kind: "model_version" }>,
  opts: EvaluationRunOptions,
  parallel: number,
  signal: AbortSignal,
  log: Logger,
): Promise<PrivateReplica> {
  const dir = join(opts.workspaceRoot, "evaluations", `${plan.runId}-${gen.key}`);
  // A replica a killed worker left running for this run stops before another one starts.
  await opts.executor.reap(dir);
  const readyFile = join(dir, "ready.json");
  await mkdir(dir, { recursive: true });
  await rm(readyFile, { force: true });
  const modelPath = await materializeModelFile(ctx, opts.cacheDir, gen.model);
  const adapterPath = gen.adapter ? await materializeModelFile(ctx, opts.cacheDir, gen.adapter) : null;
  const execution = await opts.executor.start({
    runId: `${plan.runId}.${gen.key}`,
    workspaceDir: dir,
    command: opts.runtime.command,
    args: opts.runtime.args({
      modelPath,
      loras: adapterPath ? [{ path: adapterPath }] : [],
      modelId: gen.label,
      port: 0,
      host: "127.0.0.1",
      contextSize: opts.contextSize ?? 4096,
      threads: opts.threads ?? 2,
      parallel,
      readyFile,
    }),
  });
  const stderr: string[] = [];
  // The output must be read to the end, or the replica blocks writing its logs.
  const drained = (async () => {
    for await (const line of execution.output) {
      if (line.stream === "stderr") {
        stderr.push(line.line);
        if (stderr.length > 20) stderr.shift();
      }
    }
  })();
  const stop = async () => {
    await execution.cancel(5000).catch(() => {});
    await drained.catch(() => {});
    // Nothing of the run's replica is kept (its ready file, the executor's record): the model stays in the cache.
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  };
  try {
    const port = await waitReady(execution, readyFile, opts.readyTimeoutMs ?? 120_000, signal, () =>
      stderr.slice(-5).join("\n"),
    );
    log.info({ runId: plan.runId, target: gen.key, port, pid: execution.pid }, "evaluation replica ready");
    return { port, stop };
  } catch (err) {
    await stop();
    if (signal.aborted) throw new Detached();
    throw new Error(`target ${gen.key} (${gen.label}): ${(err as Error).message}`);
  }
}

async function waitReady(
  execution: Execution,
  readyFile: string,
  timeoutMs: number,
  signal: AbortSignal,
  tail: () => string,
): Promise<number> {
  let exited = false;
  execution.exited.then(
    () => {
      exited = true;
    },
    () => {
      exited = true;
    },
  );
  for (const end = Date.now() + timeoutMs; ; ) {
    const port = await readyPort(readyFile);
    if (port) return port;
    if (exited) {
      const exit = await execution.exited;
      throw new Error(
        `the model's replica exited (${exit.signal ?? `code ${exit.code}`}) before it was ready${tail() ? `: ${tail()}` : ""}`,
      );
    }
    if (signal.aborted) throw new Detached();
    if (Date.now() > end)
      throw new Error(`the model's replica was not ready after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(100);
  }
}
