import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "./backend.js";
import type { LlamaConfig } from "./config.js";
import { forward, greedyGenerate } from "./forward.js";
import { initLora, initWeights } from "./weights.js";

const config: LlamaConfig = {
  vocabSize: 64,
  dim: 32,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  hiddenDim: 48,
  maxSeqLen: 32,
  ropeTheta: 10000,
  normEps: 1e-5,
};

beforeAll(async () => {
  await initBackend("wasm");
});

describe("forward", () => {
  it("returns [batch, seq, vocab] logits and is deterministic for a seed", () => {
    const a = initWeights(config, 7);
    const b = initWeights(config, 7);
    const c = initWeights(config, 8);
    const toks = tf.tensor2d(
      [
        [1, 2, 3, 4, 5],
        [9, 8, 7, 6, 5],
      ],
      [2, 5],
      "int32",
    );
    const la = forward(a, toks);
    expect(la.shape).toEqual([2, 5, 64]);
    expect(Array.from(la.dataSync())).toEqual(Array.from(forward(b, toks).dataSync()));
    expect(Array.from(la.dataSync())).not.toEqual(Array.from(forward(c, toks).dataSync()));
  });

  it("is causal: a later token never changes earlier logits", () => {
    const w = initWeights(config, 1);
    const x = forward(w, tf.tensor2d([[3, 1, 4, 1, 5, 9]], [1, 6], "int32")).slice([0, 0, 0], [1, 4, 64]);
    const y = forward(w, tf.tensor2d([[3, 1, 4, 1, 50, 2]], [1, 6], "int32")).slice([0, 0, 0], [1, 4, 64]);
    expect(tf.max(tf.abs(tf.sub(x, y))).dataSync()[0]).toBeLessThan(1e-6);
  });

  it("rows of a batch are independent", () => {
    const w = initWeights(config, 1);
    const single = forward(w, tf.tensor2d([[5, 6, 7]], [1, 3], "int32"));
    const batched = forward(
      w,
      tf.tensor2d(
        [
          [1, 2, 3],
          [5, 6, 7],
        ],
        [2, 3],
        "int32",
      ),
    ).slice([1, 0, 0], [1, 3, 64]);
    expect(tf.max(tf.abs(tf.sub(single, batched))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it("a fresh LoRA is the identity; a non-zero B changes the logits; gradients reach A and B only", () => {
    const w = initWeights(config, 1);
    const spec = { rank: 4, alpha: 8, dropout: 0.1, targetModules: ["attn_q", "attn_v", "ffn_down"] };
    const lora = initLora(config, spec, 3);
    expect(Object.keys(lora)).toContain("blk.1.ffn_down.weight.lora_b");
    const toks = tf.tensor2d([[1, 2, 3, 4]], [1, 4], "int32");
    const base = forward(w, toks);
    const same = forward(w, toks, { lora: { weights: lora, spec } });
    expect(tf.max(tf.abs(tf.sub(base, same))).dataSync()[0]).toBe(0);
    const { grads } = tf.variableGrads(
      () =>
        tf.mean(
          forward(w, toks, { lora: { weights: lora, spec }, training: true, dropoutSeed: 1 }),
        ) as tf.Scalar,
      Object.values(lora),
    );
    expect(Object.keys(grads).length).toBe(Object.keys(lora).length);
    lora["blk.0.attn_q.weight.lora_b"]!.assign(tf.randomNormal([32, 4], 0, 0.5, "float32", 1));
    const changed = forward(w, toks, { lora: { weights: lora, spec } });
    expect(tf.max(tf.abs(tf.sub(base, changed))).dataSync()[0]).toBeGreaterThan(1e-4);
  });

  it("trains: a few Adam steps lower the loss on a fixed batch", () => {
    const w = initWeights(config, 2);
    const toks = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8]], [1, 8], "int32");
    const opt = tf.train.adam(1e-2);
    const lossOf = () =>
      tf.tidy(() => {
        const logits = forward(w, toks.slice([0, 0], [1, 7]) as tf.Tensor2D).reshape([7, 64]);
        const labels = tf.oneHot(toks.slice([0, 1], [1, 7]).reshape([7]) as tf.Tensor1D, 64);
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      });
    const first = lossOf().dataSync()[0]!;
    for (let i = 0; i < 20; i++) opt.minimize(lossOf, false, Object.values(w));
    expect(lossOf().dataSync()[0]!).toBeLessThan(first * 0.5);
  });

  it("greedyGenerate extends a prompt with argmax tokens", () => {
    const w = initWeights(config, 1);
    const out = greedyGenerate(w, config, [1, 2, 3], 5);
    expect(out).toHaveLength(5);
    for (const t of out) expect(t).toBeGreaterThanOrEqual(0);
  });
});
