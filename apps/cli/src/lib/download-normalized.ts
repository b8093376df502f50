import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { errorFromResponse, InferaApiError } from "@infera/client";
import { CliError } from "./cli-error.js";
import { printJson, say } from "./output.js";
import { fmtBytes } from "./progress.js";

/**
 * Downloads a version's records as normalized JSONL into `out` (default ./<version id>). The file
 * is converted while the server streams it, so there is no size or digest to check and no Range to
 * continue from: it goes to `.part` and takes its name once the lines the server announced are all
 * there.
 */
export async function downloadNormalized(opts: {
  versionId: string;
  url: string;
  token: string | undefined;
  out?: string;
  json?: boolean;
}): Promise<void> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let res: Response;
  try {
    res = await fetch(opts.url, { headers });
  } catch (err) {
    throw new InferaApiError({
      status: 0,
      code: "service_unavailable",
      message: `cannot reach ${new URL(opts.url).origin} (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message})`,
    });
  }
  if (!res.ok || !res.body) throw errorFromResponse(res.status, await res.text(), res.headers);
  // The server names the file after the dataset; only its last segment is used, so it stays in `out`.
  const named = /filename="([^"/\\]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
  const name = named && !named.startsWith(".") ? named : `${opts.versionId}.normalized.jsonl`;
  const out = resolve(opts.out ?? opts.versionId);
  await mkdir(out, { recursive: true });
  const dest = join(out, name);
  const part = `${dest}.part`;
  let size = 0;
  let lines = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      for (const b of chunk) if (b === 0x0a) lines++;
      cb(null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(res.body as import("node:stream/web").ReadableStream),
    count,
    createWriteStream(part),
  );
  const expected = Number(res.headers.get("x-infera-rows") ?? Number.NaN);
  if (Number.isFinite(expected) && expected !== lines) {
    await rm(part, { force: true });
    throw new CliError("internal", `${name}: got ${lines} of ${expected} records; run again to retry`);
  }
  await rename(part, dest);
  if (opts.json) return printJson({ version_id: opts.versionId, path: dest, rows: lines, size });
  say(
    `${lines.toLocaleString("en-US")} normalized record(s) of ${opts.versionId} in ${dest} (${fmtBytes(size)}).`,
  );
}
