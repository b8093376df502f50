import type { ByteSource } from "./byte-source.js";

const CHUNK = 1 << 20;

/**
 * Reads forward through a ByteSource in 1 MiB ranges; memory stays at one chunk (or one value larger
 * than that). Every length is checked against the bytes that remain and against `maxBytes` before
 * anything is read, so a header that lies fails through `lie` instead of allocating.
 */
export class ByteCursor {
  private buf: Buffer = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(
    private readonly src: ByteSource,
    private readonly lie: (why: string) => Error,
    private readonly maxBytes: number,
  ) {}

  get remaining() {
    return this.src.size - this.pos;
  }

  private check(n: number) {
    if (n > this.remaining) throw this.lie(`a length at byte ${this.pos} runs past the end of the file`);
    if (this.pos + n > this.maxBytes) throw this.lie(`header is larger than ${this.maxBytes} bytes`);
  }

  /** The next n bytes (a view valid until the next read), and the position moved past them. */
  async bytes(n: number): Promise<Buffer> {
    this.check(n);
    const end = this.pos + n;
    if (this.pos < this.bufStart || end > this.bufStart + this.buf.length) {
      const to = Math.min(this.src.size, this.pos + Math.max(n, CHUNK));
      this.buf = await this.src.read(this.pos, to);
      this.bufStart = this.pos;
      if (this.buf.length < n) throw this.lie("the file ended early");
    }
    const at = this.pos - this.bufStart;
    this.pos = end;
    return this.buf.subarray(at, at + n);
  }

  skip(n: number) {
    this.check(n);
    this.pos += n;
  }

  async u32() {
    return (await this.bytes(4)).readUInt32LE(0);
  }
  /** A count or length: anything past 2^53 is a lie. */
  async u64(): Promise<number> {
    const v = (await this.bytes(8)).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw this.lie(`an absurd 64-bit count at byte ${this.pos - 8}`);
    return Number(v);
  }
  async string(max: number): Promise<string> {
    const n = await this.u64();
    if (n > max) throw this.lie(`a string of ${n} bytes at byte ${this.pos - 8} (at most ${max})`);
    return (await this.bytes(n)).toString("utf8");
  }
  async skipString() {
    this.skip(await this.u64());
  }
}
