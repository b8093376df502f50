import type { FineTuneRecommendation } from "@infera/contracts";

const SCALARS = [
  "epochs",
  "batch_size",
  "learning_rate",
  "gradient_accumulation_steps",
  "max_length",
] as const satisfies readonly (keyof FineTuneRecommendation)[];

/**
 * A submitted configuration with the base model's recommended settings where its submitter gave
 * none: what was given always wins, the recommendation comes next, the platform's defaults (applied
 * when the result is parsed) last. Warm-up is one setting given two ways, so a submitted
 * `warmup_steps` keeps the recommended `warmup_ratio` out; LoRA settings apply to LoRA jobs only.
 */
export function withRecommendedSettings(
  given: Record<string, unknown>,
  recommended: FineTuneRecommendation,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...given };
  for (const key of SCALARS)
    if (out[key] === undefined && recommended[key] !== undefined) out[key] = recommended[key];
  if (
    out.warmup_ratio === undefined &&
    out.warmup_steps === undefined &&
    recommended.warmup_ratio !== undefined
  )
    out.warmup_ratio = recommended.warmup_ratio;
  const method = out.method ?? "lora";
  if (method === "lora" && recommended.lora) {
    const lora =
      typeof out.lora === "object" && out.lora !== null ? { ...(out.lora as Record<string, unknown>) } : {};
    for (const [key, value] of Object.entries(recommended.lora))
      if (lora[key] === undefined) lora[key] = value;
    out.lora = lora;
  }
  return out;
}
