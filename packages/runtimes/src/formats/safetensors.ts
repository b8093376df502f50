import { readFile, writeFile } from "node:fs/promises";
import { parseSafetensorsHeader, safetensorsHeaderLength } from "@infera/core/model-files";

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

/** F32 tensors of a safetensors file; the header is read (and checked) by the shared reader. */
export function decodeSafetensors(
  buf: Uint8Array,
  path = "safetensors bytes",
): {
  tensors: Record<string, NamedTensor>;
  metadata: Record<string, string>;
} {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const length = safetensorsHeaderLength(b, b.length, path);
  const header = parseSafetensorsHeader(b.subarray(8, 8 + length), b.length, path);
  const tensors: Record<string, NamedTensor> = {};
  for (const { name, dtype, shape, dataOffsets } of header.tensors) {
    if (dtype !== "F32") throw new Error(`tensor ${name}: dtype ${dtype} not supported (F32 only)`);
    const [s, e] = dataOffsets;
    if (e - s !== 4 * shape.reduce((x, y) => x * y, 1))
      throw new Error(`tensor ${name}: data offsets do not match its shape`);
    const copy = new Uint8Array(e - s);
    copy.set(b.subarray(header.dataStart + s, header.dataStart + e));
    tensors[name] = { shape, data: new Float32Array(copy.buffer) };
  }
  return { tensors, metadata: header.metadata };
}

export async function writeSafetensors(
  path: string,
  tensors: Record<string, NamedTensor>,
  metadata?: Record<string, string>,
): Promise<void> {
  await writeFile(path, encodeSafetensors(tensors, metadata));
}

export async function readSafetensors(path: string) {
  return decodeSafetensors(await readFile(path), path);
}
