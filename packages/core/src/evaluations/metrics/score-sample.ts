import type { MetricConfig, TextNormalization } from "@infera/contracts";

export interface SampleToScore {
  output: string | null;
  reference: string | null;
}

/**
 * Per-sample scores of the text metrics a run asked for (metric name → score). A metric that does
 * not apply (no reference, no output) is left out, so it does not count in the mean. `judge`,
 * `latency_ms` and `completion_tokens` are filled by the runner, not here.
 */
export function scoreSample(metrics: readonly MetricConfig[], sample: SampleToScore): Record<string, number> {
  const scores: Record<string, number> = {};
  const { output, reference } = sample;
  if (output === null) return scores;
  for (const m of metrics) {
    switch (m.name) {
      case "exact_match":
        if (reference !== null)
          scores[m.name] =
            normalize(output, m.normalization) === normalize(reference, m.normalization) ? 1 : 0;
        break;
      case "contains":
        if (reference !== null)
          scores[m.name] = normalize(output, m.normalization).includes(normalize(reference, m.normalization))
            ? 1
            : 0;
        break;
      case "regex":
        if (m.pattern) scores[m.name] = new RegExp(m.pattern, m.flags ?? "").test(output) ? 1 : 0;
        break;
      case "json_valid":
        scores[m.name] = isJson(output) ? 1 : 0;
        break;
      default:
        break;
    }
  }
  return scores;
}

export function normalize(text: string, opts: Partial<TextNormalization> = {}): string {
  let s = text;
  if (opts.trim ?? true) s = s.trim();
  if (opts.lowercase) s = s.toLowerCase();
  if (opts.strip_punctuation) s = s.replace(/[\p{P}\p{S}]/gu, "");
  if (opts.strip_articles) s = s.replace(/\b(a|an|the)\b/gi, " ");
  if (opts.collapse_whitespace ?? true) s = s.replace(/\s+/g, " ").trim();
  return s;
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
