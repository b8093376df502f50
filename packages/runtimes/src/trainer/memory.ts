export interface ModelShape {
  vocabSize: number;
  dim: number;
  nLayers: number;
  nHeads: number;
  nKvHeads: number;
  hiddenDim: number;
}

export interface MemoryEstimateInput {
  model: ModelShape;
  totalParams: number;
  trainableParams: number;
  batchSize: number;
  seqLen: number;
  /** Resident memory of the process before training (runtime, library, data). */
  baselineBytes: number;
  budgetBytes?: number;
  /** Memory available when no budget is given. */
  availableBytes: number;
}

export interface MemoryEstimate {
  weights_bytes: number;
  gradients_bytes: number;
  optimizer_bytes: number;
  activations_bytes: number;
  overhead_bytes: number;
  total_bytes: number;
  budget_bytes?: number;
  verdict: "fits" | "tight" | "will_not_fit";
  summary: string;
}

const F32 = 4;

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v >= 100 || u === 0 ? 0 : 1)} ${units[u]}`;
}

/**
 * Activations kept for the backward pass of one micro-batch, per token: per layer the inputs of each
 * matmul and norm, q/k/v, attention scores and probabilities (per head and key), the SwiGLU branches;
 * then the logits, log-probabilities and their gradients. The autograd tape holds these plus a
 * gradient of similar size while it walks back, hence the factor 2.
 */
export function activationBytes(m: ModelShape, batchSize: number, seqLen: number): number {
  const kvDim = (m.dim / m.nHeads) * m.nKvHeads;
  const perLayer = 10 * m.dim + 4 * kvDim + 5 * m.hiddenDim + 3 * m.nHeads * seqLen;
  const head = 4 * m.vocabSize + 2 * m.dim;
  return 2 * F32 * batchSize * seqLen * (m.nLayers * perLayer + head);
}

export function estimateMemory(input: MemoryEstimateInput): MemoryEstimate {
  const weights = input.totalParams * F32;
  // Gradients of this micro-batch plus the accumulation buffer.
  const gradients = 2 * input.trainableParams * F32;
  const optimizer = 2 * input.trainableParams * F32;
  const activations = activationBytes(input.model, input.batchSize, input.seqLen);
  const overhead = input.baselineBytes;
  const total = weights + gradients + optimizer + activations + overhead;
  const limit = input.budgetBytes ?? input.availableBytes;
  const against = input.budgetBytes !== undefined ? "the memory budget" : "the memory available";
  const verdict = total > limit ? "will_not_fit" : total > 0.8 * limit ? "tight" : "fits";
  const parts = `weights ${formatBytes(weights)}, gradients ${formatBytes(gradients)}, optimizer ${formatBytes(optimizer)}, activations ${formatBytes(activations)} for a batch of ${input.batchSize}×${input.seqLen} tokens, runtime ${formatBytes(overhead)}`;
  const summary =
    verdict === "fits"
      ? `Fits: about ${formatBytes(total)} of ${formatBytes(limit)} (${against}). ${parts}.`
      : verdict === "tight"
        ? `Tight: about ${formatBytes(total)} of ${formatBytes(limit)} (${against}); it should run, with little headroom. ${parts}.`
        : `Will not fit: about ${formatBytes(total)} needed but ${against} is ${formatBytes(limit)}. ${parts}.`;
  return {
    weights_bytes: weights,
    gradients_bytes: gradients,
    optimizer_bytes: optimizer,
    activations_bytes: activations,
    overhead_bytes: overhead,
    total_bytes: total,
    budget_bytes: input.budgetBytes,
    verdict,
    summary,
  };
}

/** What to change when a run will not fit, in the order that helps most. */
export function memorySuggestion(input: {
  method: "full" | "lora";
  batchSize: number;
  seqLen: number;
}): string {
  const tips: string[] = [];
  if (input.batchSize > 1)
    tips.push(
      `lower batch_size (e.g. ${Math.max(1, Math.floor(input.batchSize / 2))}) and raise gradient_accumulation_steps to keep the effective batch`,
    );
  if (input.seqLen > 64) tips.push(`lower max_length (e.g. ${Math.max(32, Math.floor(input.seqLen / 2))})`);
  if (input.method === "full") tips.push("use method lora, which trains and stores far fewer parameters");
  tips.push("or raise memory_budget_bytes if the machine has more memory");
  return `Reduce memory: ${tips.join("; ")}.`;
}
