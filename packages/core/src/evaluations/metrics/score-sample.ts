import type { MetricConfig } from "@infera/contracts";
import { sentenceBleu } from "./bleu.js";
import { sentenceChrf } from "./chrf.js";
import { containsMatch, exactMatch } from "./exact-match.js";
import { jsonSchemaMatch, jsonValid } from "./json-schema.js";
import { regexMatch } from "./regex-match.js";
import { rougeL } from "./rouge-l.js";

export { normalize } from "./exact-match.js";

export interface SampleToScore {
  output: string | null;
  reference: string | null;
}

/**
 * Per-sample scores of the text metrics a run asked for (metric name → score). A metric that does
 * not apply (no reference, no output, a ROUGE-L reference without a Latin letter or digit, a
 * pattern or schema that does not compile) is left out, so it does not count in the mean. Never
 * throws. `judge`, `latency_ms` and `completion_tokens` are filled by the runner, not here.
 *
 * Scales: 0/1 for exact_match, contains, regex, json_valid, json_schema; 0–100 for rouge_l (F1),
 * bleu (sacreBLEU sentence_bleu) and chrf (sacreBLEU sentence_chrf). The run's BLEU and chrF are
 * corpus statistics, recomputed from the texts by `summarizeMetrics`, not the mean of these.
 */
export function scoreSample(metrics: readonly MetricConfig[], sample: SampleToScore): Record<string, number> {
  const scores: Record<string, number> = {};
  const { output, reference } = sample;
  if (output === null) return scores;
  for (const m of metrics) {
    const score = scoreOne(m, output, reference);
    if (score !== null && Number.isFinite(score)) scores[m.name] = score;
  }
  return scores;
}

function scoreOne(m: MetricConfig, output: string, reference: string | null): number | null {
  switch (m.name) {
    case "exact_match":
      return reference === null ? null : exactMatch(output, reference, m.normalization);
    case "contains":
      return reference === null ? null : containsMatch(output, reference, m.normalization);
    case "regex":
      return m.pattern ? regexMatch(output, m.pattern, m.flags) : null;
    case "json_valid":
      return jsonValid(output);
    case "json_schema":
      return m.schema ? jsonSchemaMatch(output, m.schema) : null;
    case "rouge_l":
      return reference === null ? null : rougeLScore(output, reference);
    case "bleu":
      return reference === null ? null : sentenceBleu(output, [reference]);
    case "chrf":
      return reference === null ? null : sentenceChrf(output, [reference]);
    default:
      return null;
  }
}

function rougeLScore(output: string, reference: string): number | null {
  // rouge-score gives 0 to a reference with no token; here the metric does not apply instead, so
  // references in scripts ROUGE-L cannot read do not drag the mean to 0.
  const score = rougeL(reference, output);
  if (score.recall === 0 && !/[a-z0-9]/i.test(reference)) return null;
  return 100 * score.fmeasure;
}
