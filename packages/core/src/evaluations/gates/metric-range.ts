import type { MetricName } from "@infera/contracts";

/**
 * The scale each metric is reported on, so a rule's threshold can be checked against it: the
 * commonest mistake is a percentage (80) for a 0–1 metric, which would make a gate nothing passes.
 * `max` null: unbounded (latency in milliseconds, tokens).
 */
export const metricRange: Record<MetricName, { min: number; max: number | null }> = {
  exact_match: { min: 0, max: 1 },
  contains: { min: 0, max: 1 },
  regex: { min: 0, max: 1 },
  json_valid: { min: 0, max: 1 },
  json_schema: { min: 0, max: 1 },
  rouge_l: { min: 0, max: 100 },
  bleu: { min: 0, max: 100 },
  chrf: { min: 0, max: 100 },
  judge: { min: 1, max: 5 },
  latency_ms: { min: 0, max: null },
  completion_tokens: { min: 0, max: null },
  loss: { min: 0, max: null },
  perplexity: { min: 1, max: null },
};

export function describeRange(metric: MetricName): string {
  const r = metricRange[metric];
  return r.max === null ? `at least ${r.min}` : `between ${r.min} and ${r.max}`;
}
