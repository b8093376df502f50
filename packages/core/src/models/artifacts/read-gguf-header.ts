import type { GgufMetadata } from "@infera/contracts";
import type { ByteSource } from "./byte-source.js";
import { badHeader } from "./header-error.js";

const CHUNK = 1 << 20;
/** Real headers (vocabularies included) stay far below this; more means a lie or not a model. */
const MAX_HEADER_BYTES = 512 * 1024 * 1024;
const MAX_KEPT_STRING = 4 * 1024 * 1024;
const MAX_NAME = 64 * 1024;
const MAX_DIMS = 8;

// gguf.h value types.
const T = {
  U8: 0,
  I8: 1,
  U16: 2,
  I16: 3,
  U32: 4,
  I32: 5,
  F32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  U64: 10,
  I64: 11,
  F64: 12,
} as const;
const FIXED_SIZE: Record<number, number> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};

/** llama.cpp's `general.file_type` (LLAMA_FTYPE_*) by number. */
const FILE_TYPES: Record<number, string> = {
  0: "F32",
  1: "F16",
  2: "Q4_0",
  3: "Q4_1",
  7: "Q8_0",
  8: "Q5_0",
  9: "Q5_1",
  10: "Q2_K",
  11: "Q3_K_S",
  12: "Q3_K_M",
  13: "Q3_K_L",
  14: "Q4_K_S",
  15: "Q4_K_M",
  16: "Q5_K_S",
  17: "Q5_K_M",
  18: "Q6_K",
  19: "IQ2_XXS",
  20: "IQ2_XS",
  21: "Q2_K_S",
  22: "IQ3_XS",
  23: "IQ3_XXS",
  24: "IQ1_S",
  25: "IQ4_NL",
  26: "IQ3_S",
  27: "IQ3_M",
  28: "IQ2_S",
  29: "IQ2_M",
  30: "IQ4_XS",
  31: "IQ1_M",
  32: "BF16",
};
/** ggml tensor types, for files that do not say their file type. */
const TENSOR_TYPES: Record<number, string> = {
  0: "F32",
  1: "F16",
  2: "Q4_0",
  3: "Q4_1",
  6: "Q5_0",
  7: "Q5_1",
  8: "Q8_0",
  9: "Q8_1",
  10: "Q2_K",
  11: "Q3_K",
  12: "Q4_K",
  13: "Q5_K",
  14: "Q6_K",
  15: "Q8_K",
  30: "BF16",
};

/** Reads forward through a ByteSource in 1 MiB ranges; memory stays at one chunk. */
class Cursor {
  private buf: Buffer = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(
    private readonly src: ByteSource,
    private readonly lie: (why: string) => Error,
  ) {}

  get remaining() {
    return this.src.size - this.pos;
  }

  private async need(n: number) {
    if (n > this.remaining) throw this.lie(`a length at byte ${this.pos} runs past the end of the file`);
    if (this.pos + n > MAX_HEADER_BYTES) throw this.lie(`header is larger than ${MAX_HEADER_BYTES} bytes`);
    const end = this.pos + n;
    if (this.pos >= this.bufStart && end <= this.bufStart + this.buf.length) return;
    const to = Math.min(this.src.size, this.pos + Math.max(n, CHUNK));
    this.buf = await this.src.read(this.pos, to);
    this.bufStart = this.pos;
    if (this.buf.length < n) throw this.lie("the file ended early");
  }

  private at() {
    return this.pos - this.bufStart;
  }

  async u8() {
    await this.need(1);
    const v = this.buf.readUInt8(this.at());
    this.pos += 1;
    return v;
  }
  async u32() {
    await this.need(4);
    const v = this.buf.readUInt32LE(this.at());
    this.pos += 4;
    return v;
  }
  async i32() {
    await this.need(4);
    const v = this.buf.readInt32LE(this.at());
    this.pos += 4;
    return v;
  }
  async u64(): Promise<number> {
    await this.need(8);
    const v = this.buf.readBigUInt64LE(this.at());
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw this.lie(`an absurd 64-bit count at byte ${this.pos - 8}`);
    return Number(v);
  }
  async i64(): Promise<number> {
    await this.need(8);
    const v = Number(this.buf.readBigInt64LE(this.at()));
    this.pos += 8;
    return v;
  }
  skip(n: number) {
    if (n > this.remaining) throw this.lie(`a length at byte ${this.pos} runs past the end of the file`);
    if (this.pos + n > MAX_HEADER_BYTES) throw this.lie(`header is larger than ${MAX_HEADER_BYTES} bytes`);
    this.pos += n;
  }
  async string(max: number): Promise<string> {
    const n = await this.u64();
    if (n > max) throw this.lie(`a string of ${n} bytes at byte ${this.pos - 8} (at most ${max})`);
    await this.need(n);
    const s = this.buf.toString("utf8", this.at(), this.at() + n);
    this.pos += n;
    return s;
  }
  async skipString() {
    this.skip(await this.u64());
  }
}

type Scalar = number | string | boolean | null;

async function readScalar(c: Cursor, type: number, keep: boolean): Promise<Scalar> {
  switch (type) {
    case T.U8:
      return c.u8();
    case T.I8:
      return ((await c.u8()) << 24) >> 24;
    case T.BOOL:
      return (await c.u8()) !== 0;
    case T.U32:
      return c.u32();
    case T.I32:
      return c.i32();
    case T.U64:
      return c.u64();
    case T.I64:
      return c.i64();
    case T.STRING:
      if (keep) return c.string(MAX_KEPT_STRING);
      await c.skipString();
      return null;
    default: {
      const size = FIXED_SIZE[type];
      if (size === undefined) throw new Error(`unknown value type ${type}`);
      c.skip(size);
      return null;
    }
  }
}

async function skipArray(c: Cursor, lie: (why: string) => Error, depth: number) {
  if (depth > 3) throw lie("arrays nested too deep");
  const type = await c.u32();
  const count = await c.u64();
  const size = FIXED_SIZE[type];
  if (size !== undefined) return c.skip(count * size);
  if (type === T.STRING) {
    if (count * 8 > c.remaining) throw lie(`an array of ${count} strings cannot fit in the file`);
    for (let i = 0; i < count; i++) await c.skipString();
    return;
  }
  if (type === T.ARRAY) {
    if (count * 12 > c.remaining) throw lie(`an array of ${count} arrays cannot fit in the file`);
    for (let i = 0; i < count; i++) await skipArray(c, lie, depth + 1);
    return;
  }
  throw lie(`unknown array element type ${type}`);
}

/**
 * Reads a GGUF file's header (metadata and tensor table) through ranged reads: architecture, name,
 * parameter count, context length, file type / quantization, chat template. Counts and lengths are
 * checked against the bytes that remain, so a header that lies answers validation_error before
 * anything large is allocated or read.
 */
export async function readGgufHeader(src: ByteSource, path: string): Promise<GgufMetadata> {
  const lie = (why: string) => badHeader(path, "GGUF", why);
  const c = new Cursor(src, lie);
  if (src.size < 24) throw lie("the file is shorter than a GGUF header");
  const magic = [await c.u8(), await c.u8(), await c.u8(), await c.u8()];
  if (Buffer.from(magic).toString("latin1") !== "GGUF") throw lie("no GGUF magic");
  const version = await c.u32();
  if (version !== 2 && version !== 3) throw lie(`unsupported GGUF version ${version} (2 or 3)`);
  const tensorCount = await c.u64();
  const kvCount = await c.u64();
  if (kvCount * 13 > c.remaining) throw lie(`${kvCount} metadata entries cannot fit in the file`);
  if (tensorCount * 24 > c.remaining) throw lie(`${tensorCount} tensors cannot fit in the file`);

  const kept: Record<string, Scalar> = {};
  const contextLengths: Record<string, number> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = await c.string(MAX_NAME);
    const type = await c.u32();
    if (type === T.ARRAY) {
      await skipArray(c, lie, 0);
      continue;
    }
    if (FIXED_SIZE[type] === undefined && type !== T.STRING)
      throw lie(`unknown value type ${type} for ${key}`);
    const keep =
      key === "general.architecture" ||
      key === "general.name" ||
      key === "general.file_type" ||
      key === "general.alignment" ||
      key === "tokenizer.chat_template" ||
      key.endsWith(".context_length");
    const value = await readScalar(c, type, keep);
    if (!keep) continue;
    if (key.endsWith(".context_length") && typeof value === "number") {
      if (Object.keys(contextLengths).length < 64) contextLengths[key] = value;
    } else kept[key] = value;
  }

  let parameters = 0;
  const typeCounts = new Map<number, number>();
  const offsets: number[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const nameLength = await c.u64();
    if (nameLength > MAX_NAME) throw lie(`a tensor name of ${nameLength} bytes`);
    c.skip(nameLength);
    const dims = await c.u32();
    if (dims > MAX_DIMS) throw lie(`a tensor with ${dims} dimensions`);
    let elements = 1;
    for (let d = 0; d < dims; d++) elements *= await c.u64();
    const type = await c.u32();
    if (type > 64) throw lie(`unknown tensor type ${type}`);
    const offset = await c.u64();
    offsets.push(offset);
    typeCounts.set(type, (typeCounts.get(type) ?? 0) + elements);
    parameters += elements;
    if (!Number.isSafeInteger(parameters)) throw lie("an absurd parameter count");
  }
  const alignment = typeof kept["general.alignment"] === "number" ? kept["general.alignment"] : 32;
  if (alignment <= 0 || alignment > 1 << 20) throw lie(`alignment ${alignment}`);
  const dataStart = Math.ceil(c.pos / alignment) * alignment;
  const dataSize = src.size - dataStart;
  if (tensorCount > 0 && dataSize < 0) throw lie("the tensor data is missing");
  for (const o of offsets) if (o >= dataSize) throw lie(`a tensor's data starts past the end of the file`);

  const architecture = typeof kept["general.architecture"] === "string" ? kept["general.architecture"] : null;
  const fileType = typeof kept["general.file_type"] === "number" ? kept["general.file_type"] : null;
  let quantization = fileType !== null ? (FILE_TYPES[fileType] ?? `type_${fileType}`) : null;
  if (quantization === null && typeCounts.size) {
    const [dominant] = [...typeCounts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    quantization = TENSOR_TYPES[dominant] ?? `type_${dominant}`;
  }
  const contextLength =
    (architecture ? contextLengths[`${architecture}.context_length`] : undefined) ??
    Object.values(contextLengths)[0] ??
    null;
  return {
    version,
    architecture,
    name: typeof kept["general.name"] === "string" ? kept["general.name"] : null,
    parameter_count: parameters,
    tensor_count: tensorCount,
    context_length: contextLength,
    file_type: fileType,
    quantization,
    chat_template:
      typeof kept["tokenizer.chat_template"] === "string" ? kept["tokenizer.chat_template"] : null,
  };
}
