import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { create, Header, type HeaderData } from "tar";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, notFound } from "../../shared/errors.js";
import { authorizeJob } from "../job-access.js";
import { loadJobCheckpoints } from "./job-checkpoints.js";
import type { StoredCheckpoint } from "./stored-checkpoints.js";

/**
 * One checkpoint's folder as a tar stream (`<name>/…`), never held in memory: read from this
 * machine's workspace when the folder is here, else from its copy in the blob store (the job ran
 * on another node, or its folder was lost). A checkpoint the runtime pruned (`keep_last`) and
 * whose copy is gone (never stored, pushed out by newer stored ones, or released by retention) answers not_found with
 * `details.reason: "checkpoint_removed"`.
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
  if (!checkpoint.available)
    throw new DomainError(
      "not_found",
      job.workspaceRemovedAt
        ? `checkpoint ${name} was removed with the job's workspace when its retention ran out`
        : `checkpoint ${name} is no longer in the job's workspace nor in the blob store (the runtime keeps only the last checkpoint.keep_last, the blob store the newest INFERA_FINETUNE_STORED_CHECKPOINTS)`,
      { reason: "checkpoint_removed", checkpoint: name },
    );
  const fileName = `${job.id}-${name}.tar`;
  const here =
    checkpoint.dir &&
    (await stat(checkpoint.dir).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  if (here && checkpoint.dir)
    return {
      fileName,
      stream: Readable.from(create({ cwd: dirname(checkpoint.dir), portable: true }, [name])),
    };
  return { fileName, stream: Readable.from(tarFromBlobs(ctx, name, checkpoint.stored!)) };
}

/** The same tar as the workspace's, written from the blob store: a header, the bytes, padding. */
async function* tarFromBlobs(
  ctx: ServiceContext,
  name: string,
  stored: StoredCheckpoint,
): AsyncGenerator<Buffer> {
  const mtime = new Date(0);
  const dirs = new Set<string>([name]);
  for (const f of stored.files) {
    const parts = f.path.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(`${name}/${parts.slice(0, i).join("/")}`);
  }
  for (const d of [...dirs].sort())
    yield header({ path: `${d}/`, type: "Directory", mode: 0o755, size: 0, mtime });
  for (const f of stored.files) {
    yield header({ path: `${name}/${f.path}`, type: "File", mode: 0o644, size: f.size, mtime });
    const { stream } = await ctx.blobs.get(f.sha256);
    for await (const chunk of stream) yield chunk as Buffer;
    if (f.size % 512) yield Buffer.alloc(512 - (f.size % 512));
  }
  yield Buffer.alloc(1024);
}

function header(data: HeaderData): Buffer {
  const h = new Header(data);
  const block = Buffer.alloc(512);
  // Checkpoint paths are short (`step-00000060/weights.safetensors`); a longer one would need a pax header.
  if (h.encode(block, 0)) throw new Error(`checkpoint path ${data.path} is too long for a tar header`);
  return block;
}
