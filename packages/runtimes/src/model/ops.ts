import * as tf from "@tensorflow/tfjs";

/**
 * 2-D `a · b` whose gradients are also plain (non-transposed) 2-D products. The WASM backend sends
 * only untransposed rank-2 products to XNNPACK; TF.js's own MatMul gradient uses the transpose flags,
 * which fall back to a loop about 10× slower, so the transposes are made explicit here.
 */
export const mm: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(
  // biome-ignore lint/suspicious/noExplicitAny: customGrad's save callback is untyped in TF.js
  (a: any, b: any, save: any) => {
    save([a, b]);
    return {
      value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [
          tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)),
          tf.matMul(tf.transpose(sa), dy as tf.Tensor2D),
        ];
      },
    };
  },
) as unknown as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** `a · b` where `b` is frozen: its gradient is reported as zeros without computing the product. */
export const mmFrozenB: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(
  // biome-ignore lint/suspicious/noExplicitAny: customGrad's save callback is untyped in TF.js
  (a: any, b: any, save: any) => {
    save([b]);
    return {
      value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const sb = saved[0] as tf.Tensor2D;
        return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.zerosLike(sb)];
      },
    };
  },
) as unknown as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/**
 * `x · Wᵀ` for `x [m, in]` and `W [out, in]` (PyTorch / GGUF layout). With `frozen`, W gets a zero
 * gradient and its weight-gradient product is skipped (LoRA training: a third less work).
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, frozen = false): tf.Tensor2D {
  return frozen ? mmFrozenB(x, tf.transpose(w)) : mm(x, tf.transpose(w));
}

/** llama.cpp's RMSNorm: `x / sqrt(mean(x²) + eps) · w`. */
export function rmsNorm(x: tf.Tensor2D, w: tf.Tensor1D, eps: number): tf.Tensor2D {
  const ms = tf.mean(tf.square(x), -1, true);
  return tf.mul(tf.mul(x, tf.rsqrt(tf.add(ms, eps))), w);
}

/**
 * Row lookup `E[ids]` for `E [vocab, dim]`. The WASM backend lacks UnsortedSegmentSum (TF.js's
 * Gather gradient), so the gradient is the equivalent dense product oneHot(ids)ᵀ · dy.
 */
export function embed(table: tf.Tensor2D, ids: tf.Tensor1D, frozen = false): tf.Tensor2D {
  const vocab = table.shape[0];
  const f = tf.customGrad(
    // biome-ignore lint/suspicious/noExplicitAny: customGrad's save callback is untyped in TF.js
    (t: any, i: any, save: any) => {
      save([i]);
      return {
        value: tf.gather(t as tf.Tensor2D, i as tf.Tensor1D),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const idx = saved[0] as tf.Tensor1D;
          if (frozen) return [tf.zeros([vocab, dy.shape[1]!]), tf.zerosLike(idx)];
          const oneHot = tf.oneHot(idx, vocab, 1, 0, "float32");
          return [tf.matMul(tf.transpose(oneHot), dy as tf.Tensor2D), tf.zerosLike(idx)];
        },
      };
    },
  );
  return f(table, ids) as tf.Tensor2D;
}
