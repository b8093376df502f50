import { fileURLToPath } from "node:url";
import type { BlobStore } from "@infera/core";
import { LocalBlobStore } from "./local/local-blob-store.js";
import { S3BlobStore, type S3BlobStoreOptions } from "./s3/s3-blob-store.js";

export interface BlobStoreConfig {
  /** `file:///absolute/path` or `s3://bucket/prefix`. */
  url: string;
  s3?: Omit<S3BlobStoreOptions, "bucket" | "prefix">;
}

/** The adapter a blob URL names; apps call this from their main.ts only. */
export function createBlobStore(config: BlobStoreConfig): BlobStore & { close?: () => void } {
  const url = new URL(config.url);
  if (url.protocol === "file:") return new LocalBlobStore(fileURLToPath(url));
  if (url.protocol === "s3:") {
    if (!url.hostname) throw new Error(`blob URL ${config.url} names no bucket`);
    return new S3BlobStore({
      ...config.s3,
      bucket: url.hostname,
      prefix: decodeURIComponent(url.pathname.replace(/^\/+/, "")),
    });
  }
  throw new Error(`blob URL must start with file:// or s3:// (got ${url.protocol})`);
}
