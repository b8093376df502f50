import { open } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type ByteSource, bufferByteSource } from "./byte-source.js";
import { readGgufHeader } from "./read-gguf-header.js";
import { readSafetensorsHeader } from "./read-safetensors-header.js";
import { sniffFile } from "./sniff-file.js";

// The bundled model's bytes, read as plain files (core never imports the runtimes package).
const tiny = (name: string) =>
  fileURLToPath(new URL(`../../../../runtimes/assets/infera-tiny/${name}`, import.meta.url));

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

describe("model artifact headers", () => {
  it("reads the bundled GGUF: architecture, parameters, context length, quantization", async () => {
    const src = await fileSource(tiny("infera-tiny-f32.gguf"));
    expect(await sniffFile(src)).toBe("gguf");
    const meta = await readGgufHeader(src, "infera-tiny-f32.gguf");
    expect(meta.architecture).toBe("llama");
    expect(meta.quantization).toBe("F32");
    expect(meta.context_length).toBeGreaterThan(0);
    expect(meta.tensor_count).toBeGreaterThan(0);
    // f32 weights: four bytes a parameter, and the header is small.
    expect(meta.parameter_count * 4).toBeLessThanOrEqual(src.size);
    expect(meta.parameter_count * 4).toBeGreaterThan(src.size * 0.9);
    expect(src.reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(src.size);
  });

  it("reads the bundled safetensors and agrees with the GGUF on the parameter count", async () => {
    const src = await fileSource(tiny("model.safetensors"));
    expect(await sniffFile(src)).toBe("safetensors");
    const meta = await readSafetensorsHeader(src, "model.safetensors");
    const gguf = await readGgufHeader(await fileSource(tiny("infera-tiny-f32.gguf")), "x.gguf");
    expect(meta.dtypes).toEqual(["F32"]);
    expect(meta.parameter_count).toBe(gguf.parameter_count);
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
