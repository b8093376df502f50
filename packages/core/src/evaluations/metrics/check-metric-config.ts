import type { MetricConfig } from "@infera/contracts";
import { checkJsonSchema } from "./json-schema.js";
import { compileMetricPattern } from "./regex-match.js";

/**
 * Why a metric configuration cannot be scored (the API answers 422 with it), or null. Scoring
 * relies on this having passed: it never throws on a bad pattern or schema, it skips the metric.
 */
export function checkMetricConfig(config: MetricConfig): string | null {
  switch (config.name) {
    case "regex": {
      if (!config.pattern) return "regex: pattern is required";
      const re = compileMetricPattern(config.pattern, config.flags ?? "");
      return typeof re === "string" ? `regex: invalid pattern: ${re}` : null;
    }
    case "json_schema": {
      if (config.schema === undefined) return "json_schema: schema is required";
      const problem = checkJsonSchema(config.schema);
      return problem ? `json_schema: ${problem}` : null;
    }
    case "judge":
      if (!config.judge_service_id) return "judge: judge_service_id is required";
      if (!config.rubric?.trim()) return "judge: rubric is required";
      return null;
    default:
      return null;
  }
}

/** The first problem among a run's metrics (`metrics[i]: …`), also refusing one metric named twice. */
export function checkMetricConfigs(configs: readonly MetricConfig[]): string | null {
  const seen = new Set<string>();
  for (const [i, config] of configs.entries()) {
    if (seen.has(config.name)) return `metrics[${i}]: ${config.name} is listed twice`;
    seen.add(config.name);
    const problem = checkMetricConfig(config);
    if (problem) return `metrics[${i}]: ${problem}`;
  }
  return null;
}
