import { relative, resolve, sep } from "node:path";
import type { RuntimeEvent } from "@infera/contracts";
import { isInsidePath, type Logger, type ServiceContext } from "@infera/core";
import { storeCheckpoint } from "./store-checkpoint.js";

type CheckpointEvent = Extract<RuntimeEvent, { type: "checkpoint" }>;

export interface CheckpointUploader {
  /** A checkpoint the runtime reported: copied after the ones before it, without blocking the caller. */
  add(e: CheckpointEvent): void;
  /** Resolves once nothing is being copied; with `dropPending`, what waits is given up. */
  drain(opts?: { dropPending?: boolean }): Promise<void>;
}

/**
 * Copies a run's checkpoints to the blob store one at a time, beside the run: the runtime is a
 * separate process and trains on while a copy is made, and the worker keeps reading its output.
 * Only the newest waiting checkpoint is copied when several arrive during one copy (a resume needs
 * the newest; the older ones stay downloadable from the workspace while the runtime keeps them).
 * A copy that fails (the runtime pruned the folder meanwhile, the store refused) is logged and
 * leaves that checkpoint unstored.
 */
export function checkpointUploader(opts: {
  ctx: ServiceContext;
  jobId: string;
  attempt: number;
  workspaceDir: string;
  log: Logger;
}): CheckpointUploader {
  const { ctx, jobId, attempt, workspaceDir, log } = opts;
  let waiting: CheckpointEvent | null = null;
  let running: Promise<void> | null = null;

  const copy = async (e: CheckpointEvent) => {
    const folder = resolve(workspaceDir, e.path);
    const path = relative(workspaceDir, folder).split(sep).join("/");
    if (!isInsidePath(path)) {
      log.warn({ jobId, path: e.path }, "a checkpoint outside the workspace is not stored");
      return;
    }
    const name = path.split("/").pop()!;
    const started = Date.now();
    try {
      const done = await storeCheckpoint(ctx, { jobId, attempt, name, path, step: e.step }, folder);
      log.info(
        { jobId, attempt, checkpoint: name, ...done, ms: Date.now() - started },
        "checkpoint stored in the blob store",
      );
    } catch (err) {
      log.warn(
        { jobId, attempt, checkpoint: name, err: (err as Error).message },
        "could not store a checkpoint",
      );
    }
  };
  const pump = async () => {
    while (waiting) {
      const e = waiting;
      waiting = null;
      await copy(e);
    }
    running = null;
  };
  return {
    add(e) {
      waiting = e;
      if (!running) running = pump();
    },
    async drain({ dropPending } = {}) {
      if (dropPending) waiting = null;
      while (running) await running;
    },
  };
}
