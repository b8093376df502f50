import { ByteCursor } from "./byte-cursor.js";
import type { ByteSource } from "./byte-source.js";
import { GGUF_VALUE_SIZE, GgufValueType as T } from "./gguf-types.js";
import { badHeader } from "./header-error.js";

/** Real headers (vocabularies included) stay far below this; more means a lie or not a model. */
const MAX_HEADER_BYTES = 512 * 1024 * 1024;
const MAX_KEPT_STRING = 4 * 1024 * 1024;
const MAX_NAME = 64 * 1024;
const MAX_DIMS = 8;
const DEFAULT_ALIGNMENT = 32;

/** 64-bit integers are numbers while exact, bigints beyond. */
export type GgufScalar = number | bigint | string | boolean;
export type GgufMetadataValue = GgufScalar | GgufMetadataValue[];

export interface GgufTensorInfo {
  name: string;
  /** ggml's ne: innermost dimension first (a numpy shape reversed). */
  ne: number[];
  /** ggml type number (`GgmlType`). */
  type: number;
  /** Bytes from the start of the tensor data. */
  offset: number;
  elements: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufMetadataValue>;
  tensors: GgufTensorInfo[];
  alignment: number;
  /** Absolute byte offset where the tensor data begins. */
  dataStart: number;
}

type Lie = (why: string) => Error;

const exact = (v: bigint) =>
  v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;

function fixedAt(b: Buffer, at: number, type: number): GgufScalar {
  switch (type) {
    case T.UINT8:
      return b.readUInt8(at);
    case T.INT8:
      return b.readInt8(at);
    case T.UINT16:
      return b.readUInt16LE(at);
    case T.INT16:
      return b.readInt16LE(at);
    case T.UINT32:
      return b.readUInt32LE(at);
    case T.INT32:
      return b.readInt32LE(at);
    case T.FLOAT32:
      return b.readFloatLE(at);
    case T.BOOL:
      return b.readUInt8(at) !== 0;
    case T.UINT64:
      return exact(b.readBigUInt64LE(at));
    case T.INT64:
      return exact(b.readBigInt64LE(at));
    default:
      return b.readDoubleLE(at);
  }
}

/** One metadata value, read (`keep`) or only stepped over. */
async function value(c: ByteCursor, lie: Lie, type: number, keep: boolean, depth: number) {
  if (type === T.STRING) return keep ? c.string(MAX_KEPT_STRING) : c.skipString();
  if (type === T.ARRAY) return array(c, lie, keep, depth);
  const size = GGUF_VALUE_SIZE[type];
  if (size === undefined) throw lie(`unknown value type ${type}`);
  if (!keep) return c.skip(size);
  return fixedAt(await c.bytes(size), 0, type);
}

async function array(c: ByteCursor, lie: Lie, keep: boolean, depth: number) {
  if (depth > 3) throw lie("arrays nested too deep");
  const type = await c.u32();
  const count = await c.u64();
  const size = GGUF_VALUE_SIZE[type];
  if (size !== undefined) {
    if (!keep) return c.skip(count * size);
    const b = await c.bytes(count * size);
    return Array.from({ length: count }, (_, i) => fixedAt(b, i * size, type));
  }
  if (type === T.STRING && count * 8 > c.remaining)
    throw lie(`an array of ${count} strings cannot fit in the file`);
  if (type === T.ARRAY && count * 12 > c.remaining)
    throw lie(`an array of ${count} arrays cannot fit in the file`);
  if (type !== T.STRING && type !== T.ARRAY) throw lie(`unknown array element type ${type}`);
  const out: GgufMetadataValue[] = [];
  for (let i = 0; i < count; i++) {
    const v = await value(c, lie, type, keep, depth + 1);
    if (keep) out.push(v as GgufMetadataValue);
  }
  return keep ? out : undefined;
}

/**
 * Reads a GGUF v2/v3 header through ranged reads: every metadata value (or, with `keep`, only the
 * keys it accepts; the rest are stepped over unread), the tensor table with offsets, the alignment
 * and where the data begins. Counts and lengths are checked against the bytes that remain, so a
 * header that lies answers validation_error before anything large is allocated or read.
 */
export async function readGgufHeader(
  src: ByteSource,
  path: string,
  opts: { keep?: (key: string) => boolean } = {},
): Promise<GgufHeader> {
  const lie: Lie = (why) => badHeader(path, "GGUF", why);
  const c = new ByteCursor(src, lie, MAX_HEADER_BYTES);
  if (src.size < 24) throw lie("the file is shorter than a GGUF header");
  if ((await c.bytes(4)).toString("latin1") !== "GGUF") throw lie("no GGUF magic");
  const version = await c.u32();
  if (version !== 2 && version !== 3) throw lie(`unsupported GGUF version ${version} (2 or 3)`);
  const tensorCount = await c.u64();
  const kvCount = await c.u64();
  if (kvCount * 13 > c.remaining) throw lie(`${kvCount} metadata entries cannot fit in the file`);
  if (tensorCount * 24 > c.remaining) throw lie(`${tensorCount} tensors cannot fit in the file`);

  const metadata = new Map<string, GgufMetadataValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = await c.string(MAX_NAME);
    const type = await c.u32();
    if (GGUF_VALUE_SIZE[type] === undefined && type !== T.STRING && type !== T.ARRAY)
      throw lie(`unknown value type ${type} for ${key}`);
    // The alignment places the data, so it is read whatever the caller keeps.
    const keep = !opts.keep || opts.keep(key) || key === "general.alignment";
    const v = await value(c, lie, type, keep, 0);
    if (keep) metadata.set(key, v as GgufMetadataValue);
  }

  const tensors: GgufTensorInfo[] = [];
  let parameters = 0;
  for (let i = 0; i < tensorCount; i++) {
    const nameLength = await c.u64();
    if (nameLength > MAX_NAME) throw lie(`a tensor name of ${nameLength} bytes`);
    const name = (await c.bytes(nameLength)).toString("utf8");
    const dims = await c.u32();
    if (dims > MAX_DIMS) throw lie(`a tensor with ${dims} dimensions`);
    const ne: number[] = [];
    for (let d = 0; d < dims; d++) ne.push(await c.u64());
    const elements = ne.reduce((a, b) => a * b, 1);
    const type = await c.u32();
    if (type > 64) throw lie(`unknown tensor type ${type}`);
    const offset = await c.u64();
    parameters += elements;
    if (!Number.isSafeInteger(parameters)) throw lie("an absurd parameter count");
    tensors.push({ name, ne, type, offset, elements });
  }
  const a = metadata.get("general.alignment");
  const alignment = typeof a === "number" ? a : DEFAULT_ALIGNMENT;
  if (alignment <= 0 || alignment > 1 << 20) throw lie(`alignment ${alignment}`);
  const dataStart = Math.ceil(c.pos / alignment) * alignment;
  const dataSize = src.size - dataStart;
  if (tensorCount > 0 && dataSize < 0) throw lie("the tensor data is missing");
  for (const t of tensors)
    if (t.offset >= dataSize) throw lie(`a tensor's data starts past the end of the file`);
  return { version, metadata, tensors, alignment, dataStart };
}
