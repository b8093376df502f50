import { type MetricName, metricScale } from "@infera/contracts";

/**
 * The scale each metric is reported on, so a rule's threshold can be checked against it: the
 * commonest mistake is a percentage (80) for a 0–1 metric, which would make a gate nothing passes.
 * `max` null: unbounded (latency in milliseconds, tokens). The table is the contracts' (the console
 * bounds its threshold input with the same one).
 */
export const metricRange = metricScale;

export function describeRange(metric: MetricName): string {
  const r = metricRange[metric];
  return r.max === null ? `at least ${r.min}` : `between ${r.min} and ${r.max}`;
}
