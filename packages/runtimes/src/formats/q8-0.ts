import { fromHalf, toHalf } from "./fp16.js";

export const Q8_0_BLOCK = 32;
export const Q8_0_BLOCK_BYTES = 34;

/** llama.cpp's Q8_0: blocks of 32 values, an fp16 scale d = max|x|/127, then 32 int8 = round(x/d). */
export function quantizeQ8_0(values: Float32Array): Uint8Array {
  if (values.length % Q8_0_BLOCK !== 0) throw new Error("Q8_0 needs a multiple of 32 values per row");
  const nBlocks = values.length / Q8_0_BLOCK;
  const out = new Uint8Array(nBlocks * Q8_0_BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let b = 0; b < nBlocks; b++) {
    let amax = 0;
    for (let j = 0; j < Q8_0_BLOCK; j++) amax = Math.max(amax, Math.abs(values[b * Q8_0_BLOCK + j]!));
    const d = Math.fround(amax / 127);
    const id = d ? Math.fround(1 / d) : 0;
    const base = b * Q8_0_BLOCK_BYTES;
    view.setUint16(base, toHalf(d), true);
    for (let j = 0; j < Q8_0_BLOCK; j++) {
      const v = Math.fround(values[b * Q8_0_BLOCK + j]! * id);
      view.setInt8(base + 2 + j, Math.sign(v) * Math.round(Math.abs(v)));
    }
  }
  return out;
}

export function dequantizeQ8_0(data: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let b = 0; b < count / Q8_0_BLOCK; b++) {
    const base = b * Q8_0_BLOCK_BYTES;
    const d = fromHalf(view.getUint16(base, true));
    for (let j = 0; j < Q8_0_BLOCK; j++) out[b * Q8_0_BLOCK + j] = d * view.getInt8(base + 2 + j);
  }
  return out;
}
