export { type BlobStoreConfig, createBlobStore } from "./create-blob-store.js";
export { LocalBlobStore } from "./local/local-blob-store.js";
export { S3BlobStore, type S3BlobStoreOptions } from "./s3/s3-blob-store.js";
