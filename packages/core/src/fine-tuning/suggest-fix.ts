/**
 * "Fix and clone": the configuration change a failure suggests, as a patch a user reviews before the
 * clone is submitted. Only failures with a mechanical remedy get one; the rest (bad data, a tokenizer
 * mismatch, a bug) need a person and answer null, with the runtime's own suggestion shown instead.
 */

/** The fields a fix may change (names as in the job configuration and the runtime's job spec). */
export interface FixableConfig {
  batch_size: number;
  gradient_accumulation_steps: number;
  learning_rate: number;
  max_length: number;
  method: "lora" | "full";
  warmup_ratio?: number | undefined;
  warmup_steps?: number | undefined;
}

export interface ConfigFix {
  /** The fields to change, with their new values. */
  patch: Partial<FixableConfig>;
  /** Each change in plain words, for the failure panel and the audit event. */
  changes: { field: keyof FixableConfig; from: unknown; to: unknown }[];
}

export function suggestFix(reason: string, config: FixableConfig): ConfigFix | null {
  switch (reason) {
    case "out_of_memory":
      return outOfMemoryFix(config);
    case "diverged":
      return divergedFix(config);
    default:
      return null;
  }
}

/**
 * Half the batch and twice the accumulation keeps the effective batch (and so the learning dynamics)
 * while activations need half the memory. At batch 1 the sequence length halves instead; at length
 * 32 a full fine-tune falls back to LoRA, which keeps no optimizer state for the base weights.
 */
function outOfMemoryFix(c: FixableConfig): ConfigFix | null {
  if (c.batch_size > 1) {
    const batch = Math.max(1, Math.floor(c.batch_size / 2));
    const accumulation = Math.ceil((c.batch_size * c.gradient_accumulation_steps) / batch);
    return build(c, { batch_size: batch, gradient_accumulation_steps: accumulation });
  }
  if (c.max_length > 32) return build(c, { max_length: Math.max(32, Math.floor(c.max_length / 2)) });
  if (c.method === "full") return build(c, { method: "lora" });
  return null;
}

/** A tenth of the learning rate, and a warmup when there was none (the usual cure for an early blow-up). */
function divergedFix(c: FixableConfig): ConfigFix {
  const patch: Partial<FixableConfig> = { learning_rate: Number((c.learning_rate / 10).toPrecision(3)) };
  if (!c.warmup_ratio && !c.warmup_steps) patch.warmup_ratio = 0.1;
  return build(c, patch);
}

function build(c: FixableConfig, patch: Partial<FixableConfig>): ConfigFix {
  const changes = (Object.keys(patch) as (keyof FixableConfig)[]).map((field) => ({
    field,
    from: c[field],
    to: patch[field],
  }));
  return { patch, changes };
}
