/** Hyper-parameters of a llama-architecture model; names map 1:1 onto GGUF `llama.*` keys. */
export interface LlamaConfig {
  vocabSize: number;
  dim: number;
  nLayers: number;
  nHeads: number;
  nKvHeads: number;
  hiddenDim: number;
  maxSeqLen: number;
  ropeTheta: number;
  normEps: number;
}

export function headDim(config: LlamaConfig): number {
  return config.dim / config.nHeads;
}

export function validateConfig(config: LlamaConfig): void {
  const ints = ["vocabSize", "dim", "nLayers", "nHeads", "nKvHeads", "hiddenDim", "maxSeqLen"] as const;
  for (const k of ints) {
    if (!Number.isInteger(config[k]) || config[k] <= 0)
      throw new Error(`config.${k} must be a positive integer`);
  }
  if (config.dim % config.nHeads !== 0) throw new Error("config.dim must be divisible by config.nHeads");
  if (headDim(config) % 2 !== 0) throw new Error("head dimension must be even for rotary embedding");
  if (config.nHeads % config.nKvHeads !== 0)
    throw new Error("config.nHeads must be divisible by config.nKvHeads");
  if (!(config.ropeTheta > 0) || !(config.normEps > 0)) throw new Error("ropeTheta and normEps must be > 0");
}

/** Number of parameters of the base model (untied output head). */
export function countParams(config: LlamaConfig): number {
  const hd = headDim(config);
  const kvDim = config.nKvHeads * hd;
  const perLayer =
    2 * config.dim + // attn_norm, ffn_norm
    config.dim * config.dim * 2 + // q, output
    config.dim * kvDim * 2 + // k, v
    config.dim * config.hiddenDim * 3; // gate, up, down
  return config.vocabSize * config.dim * 2 + config.dim + perLayer * config.nLayers;
}
