import { readFile, writeFile } from "node:fs/promises";

export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

/**
 * safetensors: u64 little-endian header length, a JSON header mapping names to
 * {dtype, shape, data_offsets} (plus an optional string→string `__metadata__`), then raw data.
 * Only F32 is written; names are sorted so equal weights give equal bytes.
 */
export function encodeSafetensors(
  tensors: Record<string, NamedTensor>,
  metadata?: Record<string, string>,
): Buffer {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const t = tensors[name]!;
    if (t.data.length !== t.shape.reduce((a, b) => a * b, 1))
      throw new Error(`tensor ${name}: shape and data differ`);
    header[name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = Buffer.from(json, "utf8");
  const out = Buffer.alloc(8 + headerBytes.length + offset);
  out.writeBigUInt64LE(BigInt(headerBytes.length), 0);
  headerBytes.copy(out, 8);
  let pos = 8 + headerBytes.length;
  for (const name of names) {
    const d = tensors[name]!.data;
    Buffer.from(d.buffer, d.byteOffset, d.byteLength).copy(out, pos);
    pos += d.byteLength;
  }
  return out;
}

export function decodeSafetensors(buf: Uint8Array): {
  tensors: Record<string, NamedTensor>;
  metadata: Record<string, string>;
} {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 8) throw new Error("not a safetensors file: too short");
  const n = Number(b.readBigUInt64LE(0));
  if (8 + n > b.length) throw new Error("not a safetensors file: header past end of file");
  const header = JSON.parse(b.subarray(8, 8 + n).toString("utf8")) as Record<string, unknown>;
  const start = 8 + n;
  const tensors: Record<string, NamedTensor> = {};
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") {
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets } = info as {
      dtype: string;
      shape: number[];
      data_offsets: [number, number];
    };
    if (dtype !== "F32") throw new Error(`tensor ${name}: dtype ${dtype} not supported (F32 only)`);
    const [s, e] = data_offsets;
    if (start + e > b.length || e - s !== 4 * shape.reduce((x, y) => x * y, 1)) {
      throw new Error(`tensor ${name}: data offsets do not match its shape or the file size`);
    }
    const copy = new Uint8Array(e - s);
    copy.set(b.subarray(start + s, start + e));
    tensors[name] = { shape, data: new Float32Array(copy.buffer) };
  }
  return { tensors, metadata };
}

export async function writeSafetensors(
  path: string,
  tensors: Record<string, NamedTensor>,
  metadata?: Record<string, string>,
): Promise<void> {
  await writeFile(path, encodeSafetensors(tensors, metadata));
}

export async function readSafetensors(path: string) {
  return decodeSafetensors(await readFile(path));
}
