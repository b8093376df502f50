/**
 * Rotary tables for llama.cpp's "normal" rope mode (LLM_ARCH_LLAMA): dimension pairs
 * (x[2i], x[2i+1]) rotate by pos·θ^(-2i/d). Angles follow ggml's float32 recurrence
 * (theta *= theta_scale) so the tables match the engine's bit for bit as far as float32 allows.
 * Returns cos and sin of shape [seq, headDim], each value repeated for both members of a pair.
 */
export function ropeTables(
  seqLen: number,
  headDim: number,
  base: number,
): { cos: Float32Array; sin: Float32Array } {
  const cos = new Float32Array(seqLen * headDim);
  const sin = new Float32Array(seqLen * headDim);
  const thetaScale = Math.fround(base ** (-2 / headDim));
  for (let p = 0; p < seqLen; p++) {
    let theta = Math.fround(p);
    for (let i = 0; i < headDim; i += 2) {
      const c = Math.cos(theta);
      const s = Math.sin(theta);
      cos[p * headDim + i] = c;
      cos[p * headDim + i + 1] = c;
      sin[p * headDim + i] = s;
      sin[p * headDim + i + 1] = s;
      theta = Math.fround(theta * thetaScale);
    }
  }
  return { cos, sin };
}

/** The pair swap as a matrix: (x · P)[2i] = -x[2i+1], (x · P)[2i+1] = x[2i]. */
export function ropeSwapMatrix(headDim: number): Float32Array {
  const p = new Float32Array(headDim * headDim);
  for (let i = 0; i < headDim; i += 2) {
    p[(i + 1) * headDim + i] = -1;
    p[i * headDim + i + 1] = 1;
  }
  return p;
}
