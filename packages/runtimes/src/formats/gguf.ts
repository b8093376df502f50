import { readFile, writeFile } from "node:fs/promises";
import {
  bufferByteSource,
  GgmlType,
  type GgufMetadataValue,
  GgufValueType,
  readGgufHeader,
} from "@infera/core/model-files";
import { fromHalf, toHalf } from "./fp16.js";
import { dequantizeQ8_0, Q8_0_BLOCK, Q8_0_BLOCK_BYTES, quantizeQ8_0 } from "./q8-0.js";

/** ggml tensor types we write. */
export type GgmlTypeName = "F32" | "F16" | "Q8_0";

export type GgufValue =
  | { type: "u32"; value: number }
  | { type: "i32"; value: number }
  | { type: "f32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "string[]"; value: string[] }
  | { type: "i32[]"; value: number[] }
  | { type: "f32[]"; value: number[] };

export interface GgufTensorIn {
  name: string;
  /** Row-major (numpy) shape; GGUF stores it reversed as ggml's ne. */
  shape: number[];
  data: Float32Array;
  type: GgmlTypeName;
}

const ALIGNMENT = 32;

class ByteWriter {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer) {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string) {
    const b = Buffer.from(s, "utf8");
    this.u64(b.length);
    this.push(b);
  }
  pad(to: number) {
    const n = (to - (this.length % to)) % to;
    if (n) this.push(Buffer.alloc(n));
  }
  concat() {
    return Buffer.concat(this.chunks, this.length);
  }
}

function writeValue(w: ByteWriter, v: GgufValue) {
  switch (v.type) {
    case "u32":
      w.u32(GgufValueType.UINT32);
      w.u32(v.value);
      return;
    case "i32":
      w.u32(GgufValueType.INT32);
      w.i32(v.value);
      return;
    case "f32":
      w.u32(GgufValueType.FLOAT32);
      w.f32(v.value);
      return;
    case "bool":
      w.u32(GgufValueType.BOOL);
      w.push(Buffer.from([v.value ? 1 : 0]));
      return;
    case "string":
      w.u32(GgufValueType.STRING);
      w.str(v.value);
      return;
    case "string[]":
      w.u32(GgufValueType.ARRAY);
      w.u32(GgufValueType.STRING);
      w.u64(v.value.length);
      for (const s of v.value) w.str(s);
      return;
    case "i32[]":
      w.u32(GgufValueType.ARRAY);
      w.u32(GgufValueType.INT32);
      w.u64(v.value.length);
      for (const x of v.value) w.i32(x);
      return;
    case "f32[]":
      w.u32(GgufValueType.ARRAY);
      w.u32(GgufValueType.FLOAT32);
      w.u64(v.value.length);
      for (const x of v.value) w.f32(x);
      return;
  }
}

function encodeTensorData(t: GgufTensorIn): Buffer {
  if (t.type === "F32") return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  if (t.type === "F16") {
    const out = Buffer.alloc(t.data.length * 2);
    for (let i = 0; i < t.data.length; i++) out.writeUInt16LE(toHalf(t.data[i]!), i * 2);
    return out;
  }
  if (t.shape[t.shape.length - 1]! % Q8_0_BLOCK !== 0)
    throw new Error(`${t.name}: row length not a multiple of 32`);
  return Buffer.from(quantizeQ8_0(t.data));
}

/** A GGUF v3 file: header, metadata, tensor infos, then 32-byte aligned tensor data. */
export function encodeGguf(metadata: [string, GgufValue][], tensors: GgufTensorIn[]): Buffer {
  const data = tensors.map(encodeTensorData);
  const w = new ByteWriter();
  w.push(Buffer.from("GGUF", "ascii"));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(metadata.length);
  for (const [k, v] of metadata) {
    w.str(k);
    writeValue(w, v);
  }
  let offset = 0;
  tensors.forEach((t, i) => {
    w.str(t.name);
    w.u32(t.shape.length);
    for (const d of [...t.shape].reverse()) w.u64(d);
    w.u32(GgmlType[t.type]);
    w.u64(offset);
    offset += data[i]!.length;
    offset += (ALIGNMENT - (offset % ALIGNMENT)) % ALIGNMENT;
  });
  w.pad(ALIGNMENT);
  for (const d of data) {
    w.push(d);
    w.pad(ALIGNMENT);
  }
  return w.concat();
}

export async function writeGguf(path: string, metadata: [string, GgufValue][], tensors: GgufTensorIn[]) {
  await writeFile(path, encodeGguf(metadata, tensors));
}

export interface GgufTensorOut {
  name: string;
  /** Row-major (numpy) shape. */
  shape: number[];
  type: number;
  /** Dequantized values. */
  data: Float32Array;
}

export interface GgufFile {
  version: number;
  metadata: Map<string, GgufMetadataValue>;
  tensors: GgufTensorOut[];
}

/**
 * Reads a GGUF v2/v3 file of F32, F16 and Q8_0 tensors (what we write), for tests and inspection:
 * the header through the shared reader, then each tensor's data dequantized.
 */
export async function decodeGguf(buf: Buffer, path = "GGUF bytes"): Promise<GgufFile> {
  const { version, metadata, tensors, dataStart } = await readGgufHeader(bufferByteSource(buf), path);
  return {
    version,
    metadata,
    tensors: tensors.map(({ name, ne, type, offset, elements: count }) => {
      const at = dataStart + offset;
      let data: Float32Array;
      if (type === GgmlType.F32) {
        data = new Float32Array(count);
        for (let i = 0; i < count; i++) data[i] = buf.readFloatLE(at + 4 * i);
      } else if (type === GgmlType.F16) {
        data = new Float32Array(count);
        for (let i = 0; i < count; i++) data[i] = fromHalf(buf.readUInt16LE(at + 2 * i));
      } else if (type === GgmlType.Q8_0) {
        data = dequantizeQ8_0(buf.subarray(at, at + (count / Q8_0_BLOCK) * Q8_0_BLOCK_BYTES), count);
      } else {
        throw new Error(`tensor ${name}: ggml type ${type} not supported by this reader`);
      }
      return { name, shape: [...ne].reverse(), type, data };
    }),
  };
}

export async function readGguf(path: string): Promise<GgufFile> {
  return decodeGguf(await readFile(path), path);
}
