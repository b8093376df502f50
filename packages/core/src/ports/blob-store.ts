import type { Readable } from "node:stream";

/** Bytes to store: a Node stream or any async iterable of chunks (a web stream body, a generator). */
export type BlobSource = Readable | AsyncIterable<Uint8Array>;

export interface BlobPutOptions {
  /** The caller's digest (lower-case hex); a mismatch stores nothing and answers validation_error. */
  expectedSha256?: string;
  /** The caller's length; a mismatch stores nothing and answers validation_error. */
  expectedSize?: number;
  /** Stop reading past this many bytes: nothing is stored and the answer is payload_too_large. */
  maxSize?: number;
}

export interface BlobPutFileOptions extends BlobPutOptions {
  /**
   * The digest the caller computed over exactly these bytes as it wrote them (an upload's streamed
   * sha256). An adapter that can commit without reading the file (the local store's rename) names
   * the object by it unchecked; the others hash the bytes as they send them, as `put` does.
   */
  trustedSha256?: string;
}

export interface BlobPutResult {
  sha256: string;
  size: number;
  /** The digest was already stored: these bytes were not written again. */
  existed: boolean;
}

/** Byte range of a read, both ends inclusive (as in HTTP `Range: bytes=start-end`). */
export interface BlobRange {
  start: number;
  end: number;
}

export interface BlobRead {
  /** The requested bytes (the whole object without a range). */
  stream: Readable;
  /** Size of the whole object, not of the range. */
  size: number;
}

export interface BlobInfo {
  sha256: string;
  size: number;
  /** When the object was stored, or last confirmed by a deduplicated put (the GC grace period reads it). */
  modifiedAt: Date;
}

/**
 * Content-addressed object storage: an object's name is the sha256 of its bytes, so a digest means
 * the same bytes forever. Adapters (local directory, S3) live in @infera/storage and are constructed
 * only in an app's main.ts. Every method streams: memory stays flat whatever the object's size.
 */
export interface BlobStore {
  /** Where the bytes live, for logs and the admin report (`file:///…`, `s3://bucket/prefix`). */
  readonly location: string;
  /**
   * Streams `source` through sha256 into a temporary object and commits it under its digest. An
   * existing digest is not rewritten (its modified time is refreshed so a collection in progress
   * spares it). Failed checks keep nothing.
   */
  put(source: BlobSource, opts?: BlobPutOptions): Promise<BlobPutResult>;
  /**
   * Stores the file at `path` and removes it on success (a failed call leaves it). The local store
   * moves the file into place when it is on the same filesystem, so a large upload is not copied
   * again; other stores stream it as `put` does. The file must not change during the call.
   */
  putFile(path: string, opts?: BlobPutFileOptions): Promise<BlobPutResult>;
  /** The object's bytes, or the range of them; not_found when no such digest is stored. */
  get(sha256: string, range?: BlobRange): Promise<BlobRead>;
  stat(sha256: string): Promise<Omit<BlobInfo, "sha256"> | null>;
  /** Removes the object; false when it was not there. */
  delete(sha256: string): Promise<boolean>;
  /** Every committed object (temporary ones are not listed), in no particular order. */
  list(): AsyncIterable<BlobInfo>;
  /**
   * Temporary objects older than `olderThan` — what a put left when its process was killed before
   * it could clean up (a local temp file, an S3 temp object or unfinished multipart upload) — are
   * removed, or only counted when `dryRun`. A put in progress is younger than any sensible cutoff.
   */
  sweepTemporary(olderThan: Date, opts: { dryRun: boolean }): Promise<{ objects: number; bytes: number }>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether `s` is a digest as blob stores name objects: 64 lower-case hex characters. */
export function isSha256Hex(s: string): boolean {
  return SHA256_HEX.test(s);
}
