import type { ByteSource } from "../../model-files/byte-source.js";
import type { BlobStore } from "../../ports/blob-store.js";

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
