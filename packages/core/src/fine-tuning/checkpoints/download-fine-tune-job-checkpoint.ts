import { dirname } from "node:path";
import { Readable } from "node:stream";
import { create } from "tar";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, notFound } from "../../shared/errors.js";
import { authorizeJob } from "../job-access.js";
import { loadJobCheckpoints } from "./job-checkpoints.js";

/**
 * One checkpoint's folder as a tar stream (`<name>/…`), read from the workspace as it is sent,
 * never held in memory. A checkpoint the runtime pruned (`keep_last`) or retention removed answers
 * not_found with `details.reason: "checkpoint_removed"`.
 */
export async function downloadFineTuneJobCheckpoint({
  ctx,
  jobId,
  name,
}: {
  ctx: ServiceContext;
  jobId: string;
  name: string;
}): Promise<{ fileName: string; stream: Readable }> {
  const { job } = await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  const checkpoint = (await loadJobCheckpoints(ctx, job)).find((c) => c.name === name);
  if (!checkpoint) throw notFound("checkpoint");
  if (!checkpoint.available || !checkpoint.dir)
    throw new DomainError(
      "not_found",
      job.workspaceRemovedAt
        ? `checkpoint ${name} was removed with the job's workspace when its retention ran out`
        : `checkpoint ${name} is no longer in the job's workspace (the runtime keeps only the last checkpoint.keep_last)`,
      { reason: "checkpoint_removed", checkpoint: name },
    );
  const stream = Readable.from(create({ cwd: dirname(checkpoint.dir), portable: true }, [name]));
  return { fileName: `${job.id}-${name}.tar`, stream };
}
