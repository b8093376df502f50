import { createWriteStream } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type FineTuneRunPlan, openRunDataset, type ServiceContext, trainJobSpecOf } from "@infera/core";
import { restoreCheckpoint } from "./restore-checkpoint.js";

/** The files of a job's workspace, relative to it (the spec's paths are relative to its folder). */
export const WORKSPACE = {
  spec: "job.json",
  base: "base",
  train: "data/train.jsonl",
  validation: "data/validation.jsonl",
  output: "output",
} as const;

/**
 * Lays out a placed job's inputs in its workspace: the base version's files under `base/`, the
 * training (and validation) data in the internal JSONL form under `data/`, and the runtime's job
 * spec `job.json`. Every file is written beside its place and renamed into it, so a file that is
 * there is whole: a resumed attempt reuses what an earlier one laid out (the same bytes: versions
 * are immutable), and a worker killed midway leaves nothing half-written behind. A resumed attempt
 * also gets the job's newest stored checkpoint back from the blob store when the folder lacks it
 * (the earlier attempt ran on another node): `restoredStep` names its step.
 */
export async function layOutWorkspace(
  ctx: ServiceContext,
  plan: FineTuneRunPlan,
  dir: string,
): Promise<{ specPath: string; restoredStep: number | null }> {
  for (const f of plan.baseFiles) {
    const target = join(dir, WORKSPACE.base, f.path);
    if (await hasSize(target, f.size)) continue;
    const { stream } = await ctx.blobs.get(f.sha256);
    await writeWhole(target, stream);
  }
  await writeData(ctx, plan.trainVersionId, join(dir, WORKSPACE.train));
  if (plan.validationVersionId)
    await writeData(ctx, plan.validationVersionId, join(dir, WORKSPACE.validation));
  const spec = trainJobSpecOf(plan.config, {
    baseDir: WORKSPACE.base,
    train: WORKSPACE.train,
    ...(plan.validationVersionId ? { validation: WORKSPACE.validation } : {}),
    outputDir: WORKSPACE.output,
    memoryLimitBytes: plan.memoryLimitBytes,
  });
  const specPath = join(dir, WORKSPACE.spec);
  await writeFile(`${specPath}.part`, `${JSON.stringify(spec, null, 2)}\n`);
  await rename(`${specPath}.part`, specPath);
  const restoredStep = plan.resume ? await restoreCheckpoint(ctx, plan.jobId, dir) : null;
  return { specPath, restoredStep };
}

async function writeData(ctx: ServiceContext, versionId: string, target: string): Promise<void> {
  if (await hasSize(target)) return;
  await writeWhole(target, Readable.from(await openRunDataset(ctx, versionId)));
}

async function writeWhole(target: string, source: Readable): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const part = `${target}.part`;
  await pipeline(source, createWriteStream(part));
  await rename(part, target);
}

async function hasSize(path: string, size?: number): Promise<boolean> {
  try {
    const s = await stat(path);
    return size === undefined || s.size === size;
  } catch {
    return false;
  }
}
