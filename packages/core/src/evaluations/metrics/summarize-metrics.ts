import type { MetricConfig, MetricSummary } from "@infera/contracts";
import { meanInterval } from "./bootstrap.js";

export interface ScoredSample {
  output: string | null;
  reference: string | null;
  scores: Record<string, number>;
}

/**
 * Each metric over a target's samples with its 95 % bootstrap interval (seeded). Per-sample
 * metrics average; corpus-level ones (BLEU, chrF) are recomputed on each resample.
 */
export function summarizeMetrics(
  samples: readonly ScoredSample[],
  metrics: readonly MetricConfig[],
  opts: { seed: number; resamples?: number },
): Record<string, MetricSummary> {
  const out: Record<string, MetricSummary> = {};
  const names = new Set<string>(metrics.map((m) => m.name));
  for (const s of samples) for (const k of Object.keys(s.scores)) names.add(k);
  for (const name of names) {
    const scores = samples.map((s) => s.scores[name]).filter((v): v is number => typeof v === "number");
    out[name] = meanInterval(scores, opts);
  }
  return out;
}
