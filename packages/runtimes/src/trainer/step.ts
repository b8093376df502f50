import * as tf from "@tensorflow/tfjs";
import type { Example, MicroBatch } from "../data/batches.js";
import { makeMicroBatch } from "../data/batches.js";
import { forward } from "../model/forward.js";
import type { LlamaConfig, LlamaWeights, LoraSpec, LoraWeights } from "../model/index.js";

export interface TrainModel {
  config: LlamaConfig;
  base: LlamaWeights;
  lora?: { weights: LoraWeights; spec: LoraSpec };
  /** The variables the optimizer updates, by tensor name (LoRA tensors, or every base tensor). */
  trainable: Record<string, tf.Variable>;
}

/** Sum over supervised targets of -log p(target), for one micro-batch. */
function lossSum(model: TrainModel, mb: MicroBatch, training: boolean, dropoutSeed: number): tf.Scalar {
  const inputs = tf.tensor2d(mb.inputs, [mb.batch, mb.seq], "int32");
  const targets = tf.tensor1d(mb.targets, "int32");
  const weights = tf.tensor1d(mb.weights);
  const logits = forward(model.base, inputs, {
    lora: model.lora,
    training,
    dropoutSeed,
    config: model.config,
  });
  const logp = tf.logSoftmax(logits.reshape([mb.batch * mb.seq, model.config.vocabSize]));
  const picked = tf.sum(tf.mul(logp, tf.oneHot(targets, model.config.vocabSize)), -1);
  return tf.neg(tf.sum(tf.mul(picked, weights))) as tf.Scalar;
}

/**
 * Gradients of one optimizer step, accumulated over its micro-batches. Each micro-batch's loss is
 * its summed token loss divided by the supervised tokens of the whole step, so the accumulated
 * gradient is exactly the gradient of the step's token-mean loss, whatever the split.
 */
export function accumulateGradients(
  model: TrainModel,
  microBatches: MicroBatch[],
  dropoutSeeds: number[],
): { loss: number; grads: Record<string, tf.Tensor> } {
  const total = microBatches.reduce((s, mb) => s + mb.supervised, 0);
  const names = Object.keys(model.trainable).sort();
  const varList = names.map((n) => model.trainable[n]!);
  const byVarName = new Map(names.map((n) => [model.trainable[n]!.name, n]));
  let acc: Record<string, tf.Tensor> | undefined;
  let loss = 0;
  microBatches.forEach((mb, i) => {
    const { value, grads } = tf.variableGrads(
      () => tf.tidy(() => lossSum(model, mb, true, dropoutSeeds[i]!).div(total)) as tf.Scalar,
      varList,
    );
    loss += value.dataSync()[0]!;
    value.dispose();
    if (!acc) {
      acc = {};
      for (const [varName, g] of Object.entries(grads)) acc[byVarName.get(varName)!] = g;
    } else {
      for (const [varName, g] of Object.entries(grads)) {
        const name = byVarName.get(varName)!;
        const sum = tf.add(acc[name]!, g);
        acc[name]!.dispose();
        g.dispose();
        acc[name] = sum;
      }
    }
  });
  return { loss, grads: acc ?? {} };
}

/** Token-mean loss over examples, no dropout. */
export function evaluateLoss(
  model: TrainModel,
  examples: Example[],
  batchSize: number,
  padId: number,
): { loss: number; tokens: number } {
  let sum = 0;
  let tokens = 0;
  for (let i = 0; i < examples.length; i += batchSize) {
    const mb = makeMicroBatch(examples.slice(i, i + batchSize), padId);
    const s = tf.tidy(() => lossSum(model, mb, false, 0));
    sum += s.dataSync()[0]!;
    s.dispose();
    tokens += mb.supervised;
  }
  return { loss: tokens > 0 ? sum / tokens : Number.NaN, tokens };
}
