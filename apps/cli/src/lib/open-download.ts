import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { errorFromResponse, InferaApiError } from "@infera/client";
import { Progress } from "./progress.js";

/**
 * GETs a download with the bearer token: an unreachable server is `service_unavailable` (exit 8)
 * and an error answer is the API's error, so every download reports failures the same way.
 */
export async function openDownload(
  url: string,
  token: string | undefined,
  headers: Record<string, string> = {},
): Promise<Response> {
  const all: Record<string, string> = { ...headers };
  if (token) all.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: all });
  } catch (err) {
    throw new InferaApiError({
      status: 0,
      code: "service_unavailable",
      message: `cannot reach ${new URL(url).origin} (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message})`,
    });
  }
  if (!res.ok || !res.body) throw errorFromResponse(res.status, await res.text(), res.headers);
  return res;
}

/**
 * Writes a streamed answer (no size or digest known up front: a tar made as it is sent, a log) to
 * `dest.part`, with a progress line of bytes and rate on stderr, and answers its size and sha256; it takes its name once
 * `check` (the caller's test of what arrived, e.g. a line count) passes; a failed check removes it.
 */
export async function saveStream(
  res: Response,
  dest: string,
  opts: { label: string; tap?: (chunk: Buffer) => void; check?: () => void },
): Promise<{ path: string; size: number; sha256: string }> {
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const announced = Number(res.headers.get("content-length") ?? Number.NaN);
  const bar = new Progress(opts.label, Number.isFinite(announced) ? announced : null, "downloading");
  let size = 0;
  const hash = createHash("sha256");
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      hash.update(chunk);
      opts.tap?.(chunk);
      bar.update(size);
      cb(null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(res.body as import("node:stream/web").ReadableStream),
    count,
    createWriteStream(part),
  );
  try {
    opts.check?.();
  } catch (err) {
    bar.finish("failed");
    await rm(part, { force: true });
    throw err;
  }
  await rename(part, dest);
  bar.finish("done");
  return { path: dest, size, sha256: hash.digest("hex") };
}
