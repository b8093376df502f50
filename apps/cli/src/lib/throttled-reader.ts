import { createReadStream, type ReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Transform, type TransformCallback } from "node:stream";
import { InvalidArgumentError } from "commander";

/** `--limit-rate`: bytes per second as `500K`, `8M`, `1G` or a plain number of bytes. */
export function parseRate(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)i?B?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError("must be bytes per second, like 500K, 8M or 1G");
  const unit = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as "" | "K" | "M" | "G"];
  const n = Math.floor(Number(m[1]) * unit);
  if (n < 1024) throw new InvalidArgumentError("must be at least 1K per second");
  return n;
}

/** Lets bytes through no faster than `rate` per second (measured from the stream's start). */
class Throttle extends Transform {
  private sent = 0;
  private readonly t0 = Date.now();
  constructor(private readonly rate: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sent += chunk.length;
    const wait = this.t0 + (this.sent / this.rate) * 1000 - Date.now();
    if (wait <= 0) done(null, chunk);
    else setTimeout(() => done(null, chunk), wait);
  }
}

/**
 * A tus-js-client file reader for an `fs.ReadStream` whose slices are read from the file at their
 * offsets and paced at `rate` bytes per second: for links that must not be saturated.
 */
export function throttledFileReader(rate: number) {
  return {
    async openFile(input: ReadStream) {
      const path = String(input.path);
      const { size } = await stat(path);
      return {
        size,
        async slice(start: number, end: number) {
          const last = Math.min(end, size);
          const body = createReadStream(path, { start, end: Math.max(start, last - 1) }).pipe(
            new Throttle(rate),
          ) as Transform & { size?: number };
          // tus-js-client sends `size` as the request's Content-Length.
          body.size = last - start;
          return { value: body, done: last >= size };
        },
        close() {
          input.destroy();
        },
      };
    },
  };
}
