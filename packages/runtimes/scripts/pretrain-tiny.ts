/**
 * Reproducibly builds the bundled infera-tiny base: generates the procedural corpus, trains the
 * byte-level BPE tokenizer, pretrains the llama model with a plain deterministic Adam loop, and
 * writes assets/infera-tiny/{config.json, tokenizer.json, model.safetensors, infera-tiny-f32.gguf,
 * training.json}.
 *   npx tsx packages/runtimes/scripts/pretrain-tiny.ts [--steps 300] [--batch 12] [--out DIR]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { INFERA_TINY_DIR, writeModelDir } from "../src/formats/model-dir.js";
import { initBackend } from "../src/model/backend.js";
import { countParams, type LlamaConfig } from "../src/model/config.js";
import { forward, greedyGenerate } from "../src/model/forward.js";
import { initWeights } from "../src/model/weights.js";
import { renderChat } from "../src/tokenizer/chat-template.js";
import { trainBpe } from "../src/tokenizer/train.js";
import { type CorpusDoc, generateCorpus } from "./corpus/grammar.js";
import { Rng } from "./corpus/rng.js";

const { values } = parseArgs({
  options: {
    steps: { type: "string", default: "300" },
    batch: { type: "string", default: "12" },
    seq: { type: "string", default: "128" },
    lr: { type: "string", default: "0.003" },
    docs: { type: "string", default: "40000" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: INFERA_TINY_DIR },
  },
});
const steps = Number(values.steps);
const batch = Number(values.batch);
const seq = Number(values.seq);
const peakLr = Number(values.lr);
const seed = Number(values.seed);
const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}`);

await initBackend();
const docs: CorpusDoc[] = [...generateCorpus(seed, Number(values.docs))];
const tokenizerText = function* () {
  for (const d of docs.slice(0, 12000)) {
    if (d.kind === "text") yield d.text;
    else for (const m of d.messages) yield `${m.role}\n${m.content}`;
  }
};
const tokenizer = trainBpe(tokenizerText(), { vocabSize: 1024 });
log(`tokenizer: ${tokenizer.size} tokens, ${tokenizer.merges.length} merges`);

const config: LlamaConfig = {
  vocabSize: tokenizer.size,
  dim: 128,
  nLayers: 4,
  nHeads: 4,
  nKvHeads: 2,
  hiddenDim: 384,
  maxSeqLen: 256,
  ropeTheta: 10000,
  normEps: 1e-5,
};

const stream: number[] = [];
for (const d of docs) {
  if (d.kind === "text") stream.push(...tokenizer.encode(d.text, { addBos: true }), tokenizer.eosId);
  else stream.push(...renderChat(tokenizer, d.messages).ids, tokenizer.eosId);
}
const nVal = Math.floor(stream.length * 0.02);
const train = Int32Array.from(stream.slice(0, stream.length - nVal));
const val = Int32Array.from(stream.slice(stream.length - nVal));
log(`corpus: ${docs.length} documents, ${train.length} train tokens, ${val.length} validation tokens`);
log(`model: ${JSON.stringify(config)} (${countParams(config)} parameters)`);

const weights = initWeights(config, seed);
const vars = Object.values(weights);
const optimizer = tf.train.adam(peakLr, 0.9, 0.95, 1e-8);
const rng = new Rng(seed + 17);
const windows = Math.floor((train.length - 1) / seq);

function batchTensor(src: Int32Array, starts: number[]): tf.Tensor2D {
  const data = new Int32Array(starts.length * (seq + 1));
  starts.forEach((s, i) => {
    data.set(src.subarray(s, s + seq + 1), i * (seq + 1));
  });
  return tf.tensor2d(data, [starts.length, seq + 1], "int32");
}

function lossOf(toks: tf.Tensor2D): tf.Scalar {
  const b = toks.shape[0];
  const logits = forward(weights, toks.slice([0, 0], [b, seq]) as tf.Tensor2D).reshape([
    b * seq,
    config.vocabSize,
  ]);
  const labels = tf.oneHot(toks.slice([0, 1], [b, seq]).reshape([b * seq]) as tf.Tensor1D, config.vocabSize);
  return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1))) as tf.Scalar;
}

const warmup = Math.min(50, Math.floor(steps / 10));
const lrAt = (step: number) =>
  step < warmup
    ? (peakLr * (step + 1)) / warmup
    : peakLr * (0.1 + 0.45 * (1 + Math.cos((Math.PI * (step - warmup)) / Math.max(1, steps - warmup))));

const curve: { step: number; loss: number }[] = [];
let tokensSeen = 0;
for (let step = 0; step < steps; step++) {
  (optimizer as unknown as { learningRate: number }).learningRate = lrAt(step);
  const starts = Array.from({ length: batch }, () => rng.int(windows) * seq);
  const toks = batchTensor(train, starts);
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => lossOf(toks), vars);
    const norm = Math.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))).dataSync()[0]!);
    const clip = norm > 1 ? 1 / norm : 1;
    optimizer.applyGradients(
      Object.fromEntries(
        Object.entries(grads).map(([k, g]) => [k, clip === 1 ? g : tf.mul(g, clip)]),
      ) as tf.NamedTensorMap as never,
    );
    return value.dataSync()[0]!;
  });
  toks.dispose();
  tokensSeen += batch * seq;
  curve.push({ step, loss });
  if (step % 20 === 0 || step === steps - 1) {
    log(
      `step ${step}/${steps} loss ${loss.toFixed(4)} lr ${lrAt(step).toExponential(2)} ${(tokensSeen / ((Date.now() - t0) / 1000)).toFixed(0)} tok/s`,
    );
  }
}

const valStarts = Array.from({ length: Math.min(32, Math.floor((val.length - 1) / seq)) }, (_, i) => i * seq);
const valLoss = tf.tidy(() => {
  let sum = 0;
  for (let i = 0; i < valStarts.length; i += batch) {
    const toks = batchTensor(val, valStarts.slice(i, i + batch));
    sum += lossOf(toks).dataSync()[0]! * toks.shape[0];
  }
  return sum / valStarts.length;
});
log(`validation loss ${valLoss.toFixed(4)} (perplexity ${Math.exp(valLoss).toFixed(2)})`);

const samples: Record<string, string> = {};
for (const prompt of [
  "Anna had a",
  "The capital of France",
  "Question: What color is a banana?\nAnswer:",
  "小明",
]) {
  const ids = tokenizer.encode(prompt, { addBos: true });
  const out = greedyGenerate(weights, config, ids, 40, { stopTokens: [tokenizer.eosId] });
  samples[prompt] = tokenizer.decode(out, { skipSpecial: true });
  log(`sample ${JSON.stringify(prompt)} → ${JSON.stringify(samples[prompt])}`);
}

await writeModelDir(values.out, config, tokenizer, weights);
writeFileSync(
  join(values.out, "training.json"),
  `${JSON.stringify(
    {
      command: `npx tsx packages/runtimes/scripts/pretrain-tiny.ts --steps ${steps} --batch ${batch}`,
      seed,
      steps,
      batch,
      seq,
      peakLr,
      parameters: countParams(config),
      trainTokens: train.length,
      tokensSeen,
      finalTrainLoss: curve[curve.length - 1]?.loss,
      validationLoss: valLoss,
      seconds: Math.round((Date.now() - t0) / 1000),
      samples,
    },
    null,
    2,
  )}\n`,
);
log(`wrote ${values.out}`);
