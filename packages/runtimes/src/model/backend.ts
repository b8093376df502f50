// The umbrella, not tfjs-core alone: in Node, tfjs-core resolves to its CommonJS bundle, which registers
// no gradient kernels ("gradient function not found for Sum") and no chained methods (t.reshape); only
// the umbrella's Node bundle registers both, and its ESM files cannot be imported from Node directly.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

let ready: Promise<string> | undefined;

/**
 * Selects the TF.js backend once per process: "wasm" (default; XNNPACK, ~30× the plain "cpu"
 * backend on our matmul shapes) or "cpu". Node has no WASM threads, so the thread count is moot.
 */
export function initBackend(name: "wasm" | "cpu" = "wasm"): Promise<string> {
  ready ??= (async () => {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`TF.js backend ${name} failed to initialize`);
    await tf.ready();
    return tf.getBackend();
  })();
  return ready;
}
