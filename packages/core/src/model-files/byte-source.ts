/** Random access to one file's bytes, read by range so a header never pulls in the whole file. */
export interface ByteSource {
  readonly size: number;
  /** Bytes [start, end) — end exclusive, clamped by the caller to `size`. */
  read(start: number, end: number): Promise<Buffer>;
}

/** An in-memory buffer as a ByteSource (tests, small files, files already read). */
export function bufferByteSource(buf: Buffer): ByteSource {
  return { size: buf.length, read: async (start, end) => buf.subarray(start, Math.min(end, buf.length)) };
}
