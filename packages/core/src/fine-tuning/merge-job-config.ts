import type { CloneFineTuneJobInput } from "@infera/contracts";

/**
 * The source's configuration with the overrides applied. A field that excludes another (a split and
 * a validation version, warmup ratio and steps) drops the source's other one, and a new method drops
 * the artifact type it implied, so an override never collides with what the source had filled in.
 * Shallow: a nested object given (`lora`, `output`, `base_model`, `budget`) replaces the source's
 * whole object (clone; templates merge `lora` one level first, in `templates/merge-template-config.ts`).
 */
export function mergeJobConfig(
  source: Record<string, unknown>,
  overrides: Partial<Record<keyof CloneFineTuneJobInput, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...source };
  if (overrides.validation_dataset_version_id !== undefined) delete merged.validation_split;
  if (overrides.validation_split !== undefined) delete merged.validation_dataset_version_id;
  if (overrides.warmup_steps !== undefined) delete merged.warmup_ratio;
  if (overrides.warmup_ratio !== undefined) delete merged.warmup_steps;
  if (
    overrides.method !== undefined &&
    overrides.output === undefined &&
    overrides.method !== source.method
  ) {
    const { artifact_type: _, ...output } = source.output as Record<string, unknown>;
    merged.output = output;
  }
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) merged[k] = v;
  return merged;
}
