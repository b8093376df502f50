import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CliError } from "./cli-error.js";
import { feedFile, sha256File } from "./file-hash.js";
import { openDownload } from "./open-download.js";
import { Progress } from "./progress.js";

export interface DownloadResult {
  path: string;
  size: number;
  sha256: string;
  /** `downloaded`, `resumed` (a partial file continued) or `present` (already there, digest checked). */
  status: "downloaded" | "resumed" | "present";
  /** Bytes this run fetched. */
  received: number;
}

const sizeOf = async (p: string) => (await stat(p).catch(() => null))?.size ?? null;

/**
 * Downloads one file to `dest`: bytes go to `dest.part` first, a partial `.part` continues with an
 * HTTP Range request, and the sha256 is checked before the file takes its name.
 */
export async function downloadFile(opts: {
  url: string;
  token: string | undefined;
  headers?: Record<string, string>;
  dest: string;
  label: string;
  size: number;
  sha256: string;
}): Promise<DownloadResult> {
  const { dest, size, sha256 } = opts;
  const result = (status: DownloadResult["status"], received: number): DownloadResult => ({
    path: opts.label,
    size,
    sha256,
    status,
    received,
  });
  if ((await sizeOf(dest)) === size && (await sha256File(dest)) === sha256) return result("present", 0);
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  let offset = (await sizeOf(part)) ?? 0;
  if (offset > size) {
    await truncate(part, 0);
    offset = 0;
  }
  const headers: Record<string, string> = { ...opts.headers };
  // The ETag is the file's sha256: If-Range makes a server with other bytes answer them whole.
  if (offset > 0 && offset < size)
    Object.assign(headers, { range: `bytes=${offset}-`, "if-range": `"${sha256}"` });
  const hash = createHash("sha256");
  const bar = new Progress(opts.label, size, "downloading");
  let received = 0;
  if (offset < size) {
    const res = await openDownload(opts.url, opts.token, headers);
    if (res.status !== 206) offset = 0; // the whole file came back: start the part over
    // The bytes already in the part file are part of the digest.
    await feedFile(hash, part, { end: offset });
    bar.update(offset);
    let done = offset;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        done += chunk.length;
        received += chunk.length;
        bar.update(done);
        cb(null, chunk);
      },
    });
    await pipeline(
      Readable.fromWeb(res.body as import("node:stream/web").ReadableStream),
      tap,
      createWriteStream(part, offset > 0 ? { flags: "a" } : { flags: "w" }),
    );
  } else {
    await feedFile(hash, part, { end: size });
  }
  const got = hash.digest("hex");
  if (got !== sha256) {
    bar.finish("failed");
    await rm(part, { force: true });
    throw new CliError(
      "internal",
      `${opts.label}: sha256 ${got} does not match ${sha256}; run again to retry`,
    );
  }
  await rename(part, dest);
  bar.finish("done");
  return result(offset > 0 ? "resumed" : "downloaded", received);
}
