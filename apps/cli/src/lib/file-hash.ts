import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Feeds a file's bytes (the first `end` of them, when given) into a hash, streamed. */
export async function feedFile(
  hash: Hash,
  path: string,
  opts: { end?: number; onBytes?: (done: number) => void } = {},
): Promise<void> {
  if (opts.end === 0) return;
  let done = 0;
  const stream = createReadStream(path, opts.end === undefined ? {} : { start: 0, end: opts.end - 1 });
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    opts.onBytes?.(done);
  }
}

/** sha256 of a file in hex, streamed: memory stays flat whatever the size. */
export async function sha256File(path: string, onBytes?: (done: number) => void): Promise<string> {
  const hash = createHash("sha256");
  await feedFile(hash, path, { onBytes });
  return hash.digest("hex");
}
