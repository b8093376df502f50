import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { type BlobPutOptions, DomainError } from "@infera/core";

/**
 * Passes bytes through while hashing and counting them; fails the stream as soon as the count
 * passes `maxSize`, so an oversized upload is cut off instead of read to its end.
 */
export class DigestMeter extends Transform {
  byteCount = 0;
  private readonly hash = createHash("sha256");

  constructor(private readonly maxSize?: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.byteCount += chunk.length;
    if (this.maxSize !== undefined && this.byteCount > this.maxSize) {
      done(new DomainError("payload_too_large", `the object is larger than ${this.maxSize} bytes`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}

/** The caller's expectations, checked once the whole stream is hashed. */
export function checkExpected(sha256: string, size: number, opts: BlobPutOptions): void {
  if (opts.expectedSize !== undefined && opts.expectedSize !== size)
    throw new DomainError("validation_error", `expected ${opts.expectedSize} bytes, received ${size}`, {
      expected_size: opts.expectedSize,
      size,
    });
  if (opts.expectedSha256 !== undefined && opts.expectedSha256.toLowerCase() !== sha256)
    throw new DomainError("validation_error", "the bytes do not match the expected sha256", {
      expected_sha256: opts.expectedSha256,
      sha256,
    });
}

export function blobNotFound(sha256: string): DomainError {
  return new DomainError("not_found", `blob ${sha256.slice(0, 80)} not found`);
}

export function checkRange(range: { start: number; end: number }, size: number): void {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || start >= size)
    throw new DomainError("validation_error", `range ${start}-${end} is outside the object (${size} bytes)`, {
      start,
      end,
      size,
    });
}

/** `ab/cd/<sha256>`: two levels of 256 folders keep any one folder small. */
export function shardedPath(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
