export interface ScheduleConfig {
  learningRate: number;
  totalSteps: number;
  warmupSteps: number;
  scheduler: "cosine" | "linear" | "constant";
}

export function warmupStepsOf(
  spec: { warmup_steps?: number; warmup_ratio?: number },
  totalSteps: number,
): number {
  if (spec.warmup_steps !== undefined) return Math.min(spec.warmup_steps, totalSteps);
  if (spec.warmup_ratio !== undefined) return Math.ceil(spec.warmup_ratio * totalSteps);
  return 0;
}

/** Learning rate for optimizer step `step` (1-based): linear warmup, then cosine or linear decay to 0. */
export function learningRateAt(step: number, c: ScheduleConfig): number {
  if (c.warmupSteps > 0 && step <= c.warmupSteps) return (c.learningRate * step) / c.warmupSteps;
  if (c.scheduler === "constant") return c.learningRate;
  const decaySteps = Math.max(1, c.totalSteps - c.warmupSteps);
  const progress = Math.min(1, Math.max(0, (step - c.warmupSteps - 1) / decaySteps));
  if (c.scheduler === "linear") return c.learningRate * (1 - progress);
  return c.learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
}
