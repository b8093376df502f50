import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { findResumableCheckpoint, type ServiceContext } from "@infera/core";

/**
 * Before a resumed attempt starts: puts the job's newest stored checkpoint back into its workspace
 * when the folder lacks it (the earlier attempt ran on another node, or the folder was lost). The
 * files go to a `.tmp-` folder beside it (which the runtime ignores and sweeps), then one rename
 * publishes it, so a worker killed midway leaves no half checkpoint for `--resume-from latest`. A
 * newer checkpoint already in the workspace still wins: the runtime resumes from the highest step.
 * Answers the step put back, or null when nothing was needed or stored.
 */
export async function restoreCheckpoint(
  ctx: ServiceContext,
  jobId: string,
  workspaceDir: string,
): Promise<number | null> {
  const checkpoint = await findResumableCheckpoint({ ctx, jobId });
  if (!checkpoint) return null;
  const target = join(workspaceDir, checkpoint.path);
  let whole = true;
  for (const f of checkpoint.files)
    if (
      !(await stat(join(target, f.path)).then(
        (s) => s.size === f.size,
        () => false,
      ))
    )
      whole = false;
  if (whole) return null;
  const tmp = join(dirname(target), `.tmp-restore-${checkpoint.name}-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  for (const f of checkpoint.files) {
    const path = join(tmp, f.path);
    await mkdir(dirname(path), { recursive: true });
    const { stream } = await ctx.blobs.get(f.sha256);
    await pipeline(stream, createWriteStream(path));
  }
  await rm(target, { recursive: true, force: true });
  await rename(tmp, target);
  return checkpoint.step;
}
