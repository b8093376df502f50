import type { FineTuneJobConfig, FineTuneMemoryFit } from "@infera/contracts";

/** Above this share of what a class holds, the estimate says `tight`: it is rough, and frameworks need headroom. */
const TIGHT_SHARE = 0.8;

const BYTES_PER_WEIGHT = { fp32: 4, bf16: 2, fp16: 2 } as const;
/** Per trainable parameter: its gradient and AdamW's two moments, all fp32 (4 + 4 + 4). */
const OPTIMIZER_BYTES = 12;
/** A half-precision full fine-tune also keeps an fp32 master copy of every weight. */
const MASTER_COPY_BYTES = 4;
/** Activations kept for the backward pass per token, layer and hidden unit, in half-precision units (Korthikanti et al.: 34). */
const ACTIVATION_UNITS = 17;

type Sized = Pick<FineTuneJobConfig, "method" | "precision" | "batch_size" | "max_length" | "lora">;

/**
 * A transformer's shape guessed from its size: parameters ≈ 12 · layers · hidden², with about one
 * layer per 128 hidden units (7B: hidden 4096, 32 layers), so hidden ≈ ∛(parameters · 128 / 12).
 */
function shapeOf(parameters: number) {
  const hidden = Math.max(64, Math.cbrt((parameters * 128) / 12));
  return { hidden, layers: Math.max(1, Math.round(hidden / 128)) };
}

/** Parameters the job trains: all of them (full), or a LoRA pair of rank r beside each targeted d×d matrix. */
function trainableParameters(config: Sized, parameters: number): number {
  if (config.method === "full") return parameters;
  const { hidden } = shapeOf(parameters);
  const rank = config.lora.rank;
  const targets = config.lora.target_modules.length;
  // Each matrix of d² weights gains 2·d·r; the 7 projections of a layer hold about all its weights.
  return Math.min(parameters, Math.ceil(parameters * ((2 * rank) / hidden) * (targets / 7)));
}

/**
 * Bytes a training run holds at its peak: the weights at the precision, the gradient and optimizer
 * state of what it trains (plus an fp32 master copy for a half-precision full fine-tune), and the
 * activations of one micro-batch (batch × max length × hidden × layers × 17 half-precision units;
 * no gradient checkpointing assumed, so an upper bound).
 */
export function estimateTrainingMemory(config: Sized, parameters: number): number {
  const bytes = BYTES_PER_WEIGHT[config.precision];
  const { hidden, layers } = shapeOf(parameters);
  const trainable = trainableParameters(config, parameters);
  const master = config.method === "full" && bytes < 4 ? MASTER_COPY_BYTES : 0;
  const tokens = config.batch_size * config.max_length;
  const activations = tokens * hidden * layers * ACTIVATION_UNITS * bytes;
  return Math.ceil(parameters * bytes + trainable * (OPTIMIZER_BYTES + master) + activations);
}

interface ClassCapacity {
  name: string;
  memoryBytes: number;
  gpuCount: number;
  gpuMemoryBytes: number | null;
}

/** What a class offers a run: its GPUs' memory together, or its memory when it has no GPUs. */
function availableBytes(c: ClassCapacity): number {
  return c.gpuCount > 0 && c.gpuMemoryBytes ? c.gpuMemoryBytes * c.gpuCount : c.memoryBytes;
}

export function memoryFit(estimated: number, c: ClassCapacity): FineTuneMemoryFit {
  const available = availableBytes(c);
  return {
    resource_class: c.name,
    estimated_bytes: estimated,
    available_bytes: available,
    verdict: estimated > available ? "will_not_fit" : estimated > available * TIGHT_SHARE ? "tight" : "fits",
  };
}
