import type { BlobStore } from "../../ports/blob-store.js";

/** Random access to one file's bytes, read by range so a header never pulls in the whole file. */
export interface ByteSource {
  readonly size: number;
  /** Bytes [start, end) — end exclusive, clamped by the caller to `size`. */
  read(start: number, end: number): Promise<Buffer>;
}

/** A blob of the store as a ByteSource (each read is one ranged get). */
export function blobByteSource(store: BlobStore, sha256: string, size: number): ByteSource {
  return {
    size,
    async read(start, end) {
      if (end <= start) return Buffer.alloc(0);
      const { stream } = await store.get(sha256, { start, end: end - 1 });
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks);
    },
  };
}

/** An in-memory buffer as a ByteSource (tests, small files). */
export function bufferByteSource(buf: Buffer): ByteSource {
  return { size: buf.length, read: async (start, end) => buf.subarray(start, Math.min(end, buf.length)) };
}
