import { open } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type ByteSource, bufferByteSource } from "./byte-source.js";
import { GgmlType, GgufValueType, LlamaFileType } from "./gguf-types.js";
import { readGgufHeader } from "./read-gguf-header.js";
import { readSafetensorsHeader } from "./read-safetensors-header.js";
import { sniffFile } from "./sniff-file.js";

// The bundled model's bytes, read as plain files (core never imports the runtimes package).
const tiny = (name: string) =>
  fileURLToPath(new URL(`../../../runtimes/assets/infera-tiny/${name}`, import.meta.url));

const handles: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const h of handles) await h.close();
});

async function fileSource(path: string): Promise<ByteSource & { reads: number[] }> {
  const fh = await open(path);
  handles.push(fh);
  const { size } = await fh.stat();
  const reads: number[] = [];
  return {
    size,
    reads,
    async read(start, end) {
      reads.push(end - start);
      const buf = Buffer.alloc(end - start);
      const { bytesRead } = await fh.read(buf, 0, end - start, start);
      return buf.subarray(0, bytesRead);
    },
  };
}

function u64(n: number | bigint) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}
function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
const str = (s: string) => Buffer.concat([u64(Buffer.byteLength(s)), Buffer.from(s)]);

/** A GGUF v3 header of `kv` pairs (already encoded as key, type, value) and no tensors. */
const gguf = (...kv: Buffer[]) =>
  Buffer.concat([Buffer.from("GGUF"), u32(3), u64(0), u64(kv.length), ...kv, Buffer.alloc(32)]);
const kv = (key: string, type: number, value: Buffer) => Buffer.concat([str(key), u32(type), value]);

describe("model file headers", () => {
  it("reads the bundled GGUF by ranges: metadata, tensor table with offsets, aligned data start", async () => {
    const src = await fileSource(tiny("infera-tiny-f32.gguf"));
    expect(await sniffFile(src)).toBe("gguf");
    const h = await readGgufHeader(src, "infera-tiny-f32.gguf");
    expect(h.version).toBe(3);
    expect(h.metadata.get("general.architecture")).toBe("llama");
    expect(h.metadata.get("general.file_type")).toBe(LlamaFileType.F32);
    expect(h.alignment).toBe(32);
    expect(h.dataStart % 32).toBe(0);
    const vocab = h.metadata.get("llama.vocab_size") as number;
    expect((h.metadata.get("tokenizer.ggml.tokens") as string[]).length).toBe(vocab);
    expect((h.metadata.get("tokenizer.ggml.token_type") as number[]).length).toBe(vocab);
    const embd = h.tensors.find((t) => t.name === "token_embd.weight")!;
    expect(embd.type).toBe(GgmlType.F32);
    expect(embd.ne[1]).toBe(vocab);
    expect(embd.elements).toBe(embd.ne[0]! * vocab);
    // Tensors follow each other, each 32-byte aligned, and the last one ends at the end of the file.
    const last = h.tensors.reduce((a, b) => (b.offset > a.offset ? b : a));
    expect(h.tensors.every((t) => t.offset % 32 === 0)).toBe(true);
    expect(h.dataStart + last.offset + last.elements * 4).toBeLessThanOrEqual(src.size);
    expect(h.dataStart + last.offset + last.elements * 4).toBeGreaterThan(src.size - 32);
  });

  it("keeps only the values a caller asks for, reading the header's range and not the file", async () => {
    const src = await fileSource(tiny("infera-tiny-f32.gguf"));
    const h = await readGgufHeader(src, "x.gguf", { keep: (k) => k === "general.name" });
    expect([...h.metadata.keys()].sort()).toEqual(["general.alignment", "general.name"]);
    expect(src.reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 << 20);
  });

  it("reads every GGUF value type, 64-bit values past 2^53 as bigints, nested arrays", async () => {
    const f32 = Buffer.alloc(4);
    f32.writeFloatLE(0.5);
    const f64 = Buffer.alloc(8);
    f64.writeDoubleLE(-1.25);
    const i16 = Buffer.alloc(2);
    i16.writeInt16LE(-300);
    const i64 = Buffer.alloc(8);
    i64.writeBigInt64LE(-5n);
    const T = GgufValueType;
    const h = await readGgufHeader(
      bufferByteSource(
        gguf(
          kv("u8", T.UINT8, Buffer.from([200])),
          kv("i8", T.INT8, Buffer.from([0xff])),
          kv("u16", T.UINT16, Buffer.from([1, 1])),
          kv("i16", T.INT16, i16),
          kv("u32", T.UINT32, u32(70000)),
          kv("i32", T.INT32, Buffer.from([0xfe, 0xff, 0xff, 0xff])),
          kv("f32", T.FLOAT32, f32),
          kv("bool", T.BOOL, Buffer.from([1])),
          kv("str", T.STRING, str("héllo")),
          kv("u64", T.UINT64, u64(1n << 60n)),
          kv("i64", T.INT64, i64),
          kv("f64", T.FLOAT64, f64),
          kv("ints", T.ARRAY, Buffer.concat([u32(T.UINT32), u64(3), u32(1), u32(2), u32(3)])),
          kv(
            "nested",
            T.ARRAY,
            Buffer.concat([u32(T.ARRAY), u64(2), u32(T.STRING), u64(1), str("a"), u32(T.BOOL), u64(0)]),
          ),
        ),
      ),
      "all.gguf",
    );
    expect(Object.fromEntries(h.metadata)).toEqual({
      u8: 200,
      i8: -1,
      u16: 257,
      i16: -300,
      u32: 70000,
      i32: -2,
      f32: 0.5,
      bool: true,
      str: "héllo",
      u64: 1n << 60n,
      i64: -5,
      f64: -1.25,
      ints: [1, 2, 3],
      nested: [["a"], []],
    });
    expect(h.tensors).toEqual([]);
  });

  it("reads the bundled safetensors: dtypes, shapes and offsets inside the data", async () => {
    const src = await fileSource(tiny("model.safetensors"));
    expect(await sniffFile(src)).toBe("safetensors");
    const h = await readSafetensorsHeader(src, "model.safetensors");
    expect(new Set(h.tensors.map((t) => t.dtype))).toEqual(new Set(["F32"]));
    for (const t of h.tensors)
      expect(t.dataOffsets[1] - t.dataOffsets[0]).toBe(4 * t.shape.reduce((a, b) => a * b, 1));
    expect(h.dataStart + Math.max(...h.tensors.map((t) => t.dataOffsets[1]))).toBe(src.size);
    expect(await sniffFile(await fileSource(tiny("config.json")))).toBe("json");
  });

  it("refuses a GGUF whose tensor count cannot fit in the file", async () => {
    const buf = Buffer.concat([Buffer.from("GGUF"), u32(3), u64(1n << 40n), u64(0), Buffer.alloc(64)]);
    await expect(readGgufHeader(bufferByteSource(buf), "lie.gguf")).rejects.toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("tensors cannot fit"),
    });
  });

  it("refuses a GGUF whose string length runs past the end", async () => {
    const buf = Buffer.concat([
      Buffer.from("GGUF"),
      u32(3),
      u64(0),
      u64(1),
      str("general.architecture"),
      u32(8),
      u64(10_000_000),
      Buffer.from("llama"),
    ]);
    await expect(readGgufHeader(bufferByteSource(buf), "lie.gguf")).rejects.toMatchObject({
      code: "validation_error",
    });
  });

  it("refuses a GGUF with a 2^63 count and an array that cannot fit", async () => {
    const huge = Buffer.concat([Buffer.from("GGUF"), u32(3), u64(0), u64(1n << 63n), Buffer.alloc(32)]);
    await expect(readGgufHeader(bufferByteSource(huge), "x.gguf")).rejects.toMatchObject({
      code: "validation_error",
    });
    const array = Buffer.concat([
      Buffer.from("GGUF"),
      u32(3),
      u64(0),
      u64(1),
      str("tokenizer.ggml.tokens"),
      u32(9),
      u32(8),
      u64(1_000_000_000),
      Buffer.alloc(100),
    ]);
    await expect(readGgufHeader(bufferByteSource(array), "x.gguf")).rejects.toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("cannot fit"),
    });
  });

  it("refuses a safetensors header longer than the file, not JSON, or with offsets outside it", async () => {
    const long = Buffer.concat([u64(1n << 50n), Buffer.from('{"a":1}')]);
    await expect(readSafetensorsHeader(bufferByteSource(long), "x.safetensors")).rejects.toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("claims"),
    });
    const json = '{"w":{"dtype":"F32","shape":[1000000],"data_offsets":[0,4000000]}}';
    const outside = Buffer.concat([u64(json.length), Buffer.from(json), Buffer.alloc(8)]);
    await expect(readSafetensorsHeader(bufferByteSource(outside), "x.safetensors")).rejects.toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("outside the file"),
    });
    const notJson = Buffer.concat([u64(5), Buffer.from("{nope"), Buffer.alloc(8)]);
    await expect(readSafetensorsHeader(bufferByteSource(notJson), "x.safetensors")).rejects.toMatchObject({
      code: "validation_error",
    });
  });
});
