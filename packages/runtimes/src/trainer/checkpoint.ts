import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type * as tf from "@tensorflow/tfjs";
import type { DataPosition } from "../data/batches.js";
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from "../formats/safetensors.js";
import type { AdamW } from "./adamw.js";

/** Everything besides tensors that the exact continuation of a run needs. */
export interface CheckpointState {
  format: "infera-checkpoint/1";
  step: number;
  optimizer_step: number;
  rng: number[];
  data: DataPosition;
  best_loss: number | null;
  best_eval_loss: number | null;
  evals_without_improvement: number;
  tokens_seen: number;
  method: "full" | "lora";
  base_model_sha256: string;
  spec_fingerprint: string;
}

const PREFIX = "step-";

function fsyncPath(path: string, dir = false): void {
  const fd = openSync(path, dir ? "r" : "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeDurable(path: string, data: Uint8Array | string): void {
  writeFileSync(path, data);
  fsyncPath(path);
}

async function tensorsOf(vars: Map<string, tf.Variable> | Record<string, tf.Variable>) {
  const entries = vars instanceof Map ? [...vars.entries()] : Object.entries(vars);
  const out: Record<string, NamedTensor> = {};
  for (const [name, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[name] = { shape: v.shape, data: (await v.data()) as Float32Array };
  }
  return out;
}

/**
 * Writes a checkpoint atomically: everything goes to a temporary directory, each file is fsynced,
 * then one rename publishes it. A crash at any point leaves either the whole checkpoint or none.
 * Keeps the newest `keepLast` checkpoints.
 */
export async function writeCheckpoint(opts: {
  dir: string;
  state: CheckpointState;
  trainable: Record<string, tf.Variable>;
  optimizer: AdamW;
  keepLast: number;
}): Promise<string> {
  mkdirSync(opts.dir, { recursive: true });
  const name = `${PREFIX}${String(opts.state.step).padStart(8, "0")}`;
  const final = join(opts.dir, name);
  const tmp = join(opts.dir, `.tmp-${name}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  writeDurable(join(tmp, "weights.safetensors"), encodeSafetensors(await tensorsOf(opts.trainable)));
  const moments: Record<string, NamedTensor> = {};
  for (const [k, t] of Object.entries(await tensorsOf(opts.optimizer.m))) moments[`m/${k}`] = t;
  for (const [k, t] of Object.entries(await tensorsOf(opts.optimizer.v))) moments[`v/${k}`] = t;
  writeDurable(join(tmp, "optimizer.safetensors"), encodeSafetensors(moments));
  writeDurable(join(tmp, "state.json"), `${JSON.stringify(opts.state, null, 2)}\n`);
  fsyncPath(tmp, true);
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
  fsyncPath(opts.dir, true);
  for (const old of listCheckpoints(opts.dir).slice(0, -opts.keepLast))
    rmSync(old, { recursive: true, force: true });
  return final;
}

/** Complete checkpoints in `dir`, oldest first (temporary directories of interrupted writes are ignored). */
export function listCheckpoints(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.startsWith(PREFIX) && existsSync(join(dir, n, "state.json")))
    .sort()
    .map((n) => join(dir, n));
}

export function removeStaleTemporaries(dir: string): void {
  if (!existsSync(dir)) return;
  for (const n of readdirSync(dir))
    if (n.startsWith(".tmp-")) rmSync(join(dir, n), { recursive: true, force: true });
}

export interface LoadedCheckpoint {
  path: string;
  state: CheckpointState;
  weights: Record<string, NamedTensor>;
  moments: Record<string, NamedTensor>;
}

export function readCheckpoint(path: string): LoadedCheckpoint {
  const state = JSON.parse(readFileSync(join(path, "state.json"), "utf8")) as CheckpointState;
  if (state.format !== "infera-checkpoint/1") throw new Error(`${path} is not an infera checkpoint`);
  return {
    path,
    state,
    weights: decodeSafetensors(readFileSync(join(path, "weights.safetensors"))).tensors,
    moments: decodeSafetensors(readFileSync(join(path, "optimizer.safetensors"))).tensors,
  };
}
