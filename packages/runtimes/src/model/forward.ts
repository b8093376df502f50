import * as tf from "@tensorflow/tfjs";
import type { LlamaConfig } from "./config.js";
import { embed, linear, mm, rmsNorm } from "./ops.js";
import { ropeSwapMatrix, ropeTables } from "./rope.js";
import { configOf, type LlamaWeights, type LoraSpec, type LoraWeights, loraNames } from "./weights.js";

export interface ForwardOptions {
  lora?: { weights: LoraWeights; spec: LoraSpec };
  /** Enables LoRA dropout. */
  training?: boolean;
  /** Seed of the dropout masks of this call; each LoRA module derives its own from it. */
  dropoutSeed?: number;
  /**
   * Base weights get zero gradients without computing them. Defaults to true when `lora` is given
   * (LoRA trains the adapter only); set false to train base and adapter together.
   */
  freezeBase?: boolean;
  /** Needed only when the weights were not made by initWeights / withConfig. */
  config?: LlamaConfig;
}

const ropeCache = new Map<string, { cos: tf.Tensor; sin: tf.Tensor; swap: tf.Tensor2D }>();

function rope(seq: number, hd: number, base: number) {
  const key = `${seq}:${hd}:${base}`;
  let entry = ropeCache.get(key);
  if (!entry) {
    const { cos, sin } = ropeTables(seq, hd, base);
    entry = tf.tidy(() => ({
      cos: tf.keep(tf.tensor(cos, [seq, 1, hd])),
      sin: tf.keep(tf.tensor(sin, [seq, 1, hd])),
      swap: tf.keep(tf.tensor2d(ropeSwapMatrix(hd), [hd, hd])),
    }));
    ropeCache.set(key, entry);
  }
  return entry;
}

const maskCache = new Map<number, tf.Tensor2D>();

function causalMask(seq: number): tf.Tensor2D {
  let m = maskCache.get(seq);
  if (!m) {
    const data = new Float32Array(seq * seq);
    for (let i = 0; i < seq; i++) for (let j = i + 1; j < seq; j++) data[i * seq + j] = -1e9;
    m = tf.keep(tf.tensor2d(data, [seq, seq]));
    maskCache.set(seq, m);
  }
  return m;
}

/** Rotates x [batch, seq, heads, hd] in llama.cpp's normal (adjacent pair) rope mode. */
function applyRope(x: tf.Tensor4D, base: number): tf.Tensor4D {
  const [b, t, h, hd] = x.shape;
  const { cos, sin, swap } = rope(t, hd, base);
  const swapped = mm(tf.reshape(x, [b * t * h, hd]), swap).reshape([b, t, h, hd]);
  return tf.add(tf.mul(x, cos), tf.mul(swapped, sin)) as tf.Tensor4D;
}

/**
 * Splits x [n·r, c] into n row blocks. The WASM Slice kernel copies its whole input once per output,
 * so a flat n-way split costs n copies of x; splitting in a tree of fan-out ≤ 4 costs a few.
 */
function splitRows(x: tf.Tensor2D, n: number): tf.Tensor2D[] {
  if (n <= 4) return n === 1 ? [x] : (tf.split(x, n, 0) as tf.Tensor2D[]);
  const k = [4, 3, 2].find((d) => n % d === 0) ?? n;
  if (k === n) return tf.split(x, n, 0) as tf.Tensor2D[];
  return (tf.split(x, k, 0) as tf.Tensor2D[]).flatMap((part) => splitRows(part, n / k));
}

/**
 * Causal grouped-query attention over q [b·t, nHeads·hd], k/v [b·t, nKv·hd] → [b·t, nHeads·hd].
 * Each (sequence, head) product is a rank-2 matmul, the shape the WASM backend runs fast; query head
 * h reads kv head floor(h / (nHeads / nKv)), as llama.cpp's broadcast does.
 */
function attention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  b: number,
  t: number,
  h: number,
  nKv: number,
) {
  const hd = q.shape[1] / h;
  const group = h / nKv;
  const mask = causalMask(t);
  const scale = 1 / Math.sqrt(hd);
  const qs = splitRows(q, b);
  const ks = splitRows(k, b);
  const vs = splitRows(v, b);
  const outs = qs.map((qb, s) => {
    const qh = h === 1 ? [qb] : (tf.split(qb, h, 1) as tf.Tensor2D[]);
    const kT = splitRows(tf.transpose(ks[s]!), nKv);
    const vh = nKv === 1 ? [vs[s]!] : (tf.split(vs[s]!, nKv, 1) as tf.Tensor2D[]);
    const heads = qh.map((qi, i) => {
      const j = Math.floor(i / group);
      const p = tf.softmax(tf.add(tf.mul(mm(qi, kT[j]!), scale), mask)) as tf.Tensor2D;
      return mm(p, vh[j]!);
    });
    return heads.length === 1 ? heads[0]! : tf.concat(heads, 1);
  });
  return outs.length === 1 ? outs[0]! : (tf.concat(outs, 0) as tf.Tensor2D);
}

/**
 * Logits [batch, seq, vocab] of the llama architecture as llama.cpp computes it: token embedding,
 * per block RMSNorm → GQA attention with rope → residual, RMSNorm → SwiGLU → residual, then the
 * final RMSNorm and the untied output head. No KV cache: every call sees whole sequences.
 */
export function forward(weights: LlamaWeights, tokens: tf.Tensor2D, opts: ForwardOptions = {}): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t] = tokens.shape;
    const embd = weights["token_embd.weight"]!;
    const [vocab, dim] = embd.shape as [number, number];
    const nLayers = countLayers(weights);
    const kw = weights["blk.0.attn_k.weight"]!;
    const cfg = opts.config ?? configOf(weights);
    const hd = dim / cfg.nHeads;
    const nKv = (kw.shape[0] as number) / hd;
    const lora = opts.lora;
    const scale = lora ? lora.spec.alpha / lora.spec.rank : 0;
    const dropout = lora && opts.training ? lora.spec.dropout : 0;
    let dropoutCounter = 0;
    const frozen = opts.freezeBase ?? lora !== undefined;

    const proj = (x: tf.Tensor2D, layer: number, module: string): tf.Tensor2D => {
      const y = linear(x, weights[`blk.${layer}.${module}.weight`] as tf.Tensor2D, frozen);
      if (!lora?.spec.targetModules.includes(module)) return y;
      const { a, b: bn } = loraNames(layer, module);
      const la = lora.weights[a] as tf.Tensor2D;
      const lb = lora.weights[bn] as tf.Tensor2D;
      const seed = (opts.dropoutSeed ?? 0) * 7919 + dropoutCounter++;
      const xin = dropout > 0 ? (tf.dropout(x, dropout, undefined, seed) as tf.Tensor2D) : x;
      return tf.add(y, tf.mul(linear(linear(xin, la), lb), scale));
    };

    let h = embed(embd as tf.Tensor2D, tf.reshape(tokens, [b * t]) as tf.Tensor1D, frozen);
    for (let i = 0; i < nLayers; i++) {
      const xn = rmsNorm(h, weights[`blk.${i}.attn_norm.weight`] as tf.Tensor1D, cfg.normEps);
      const q = applyRope(tf.reshape(proj(xn, i, "attn_q"), [b, t, cfg.nHeads, hd]), cfg.ropeTheta);
      const k = applyRope(tf.reshape(proj(xn, i, "attn_k"), [b, t, nKv, hd]), cfg.ropeTheta);
      const v = proj(xn, i, "attn_v");
      const att = attention(
        tf.reshape(q, [b * t, dim]),
        tf.reshape(k, [b * t, nKv * hd]),
        v,
        b,
        t,
        cfg.nHeads,
        nKv,
      );
      h = tf.add(h, proj(att, i, "attn_output"));
      const fn = rmsNorm(h, weights[`blk.${i}.ffn_norm.weight`] as tf.Tensor1D, cfg.normEps);
      const gate = proj(fn, i, "ffn_gate");
      const act = tf.mul(tf.mul(gate, tf.sigmoid(gate)), proj(fn, i, "ffn_up")) as tf.Tensor2D;
      h = tf.add(h, proj(act, i, "ffn_down"));
    }
    const out = rmsNorm(h, weights["output_norm.weight"] as tf.Tensor1D, cfg.normEps);
    return tf.reshape(linear(out, weights["output.weight"] as tf.Tensor2D, frozen), [
      b,
      t,
      vocab,
    ]) as tf.Tensor3D;
  });
}

function countLayers(weights: LlamaWeights): number {
  let n = 0;
  while (weights[`blk.${n}.attn_norm.weight`]) n++;
  return n;
}

/** Greedy decoding with our own forward pass (argmax, no sampling), as llama.cpp at temperature 0. */
export function greedyGenerate(
  weights: LlamaWeights,
  config: LlamaConfig,
  promptTokens: number[],
  maxNewTokens: number,
  opts: { lora?: { weights: LoraWeights; spec: LoraSpec }; stopTokens?: number[] } = {},
): number[] {
  if (promptTokens.length === 0) throw new Error("prompt must not be empty");
  const seq = [...promptTokens];
  const out: number[] = [];
  for (let n = 0; n < maxNewTokens; n++) {
    if (seq.length >= config.maxSeqLen) break;
    const next = tf.tidy(() => {
      const logits = forward(weights, tf.tensor2d([seq], [1, seq.length], "int32"), {
        lora: opts.lora,
        config,
      });
      const last = logits.slice([0, seq.length - 1, 0], [1, 1, config.vocabSize]).reshape([config.vocabSize]);
      return tf.argMax(last).dataSync()[0]!;
    });
    out.push(next);
    seq.push(next);
    if (opts.stopTokens?.includes(next)) break;
  }
  return out;
}
