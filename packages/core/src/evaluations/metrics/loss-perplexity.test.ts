import type { GateRule, MetricConfig } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { decideGate } from "../gates/decide-gate.js";
import { bootstrap } from "./bootstrap.js";
import { pairedMetricDeltas, type ScoredSample, summarizeMetrics } from "./summarize-metrics.js";
import { summarySentence } from "./summary-sentence.js";

const METRICS: MetricConfig[] = [{ name: "loss" }, { name: "perplexity" }];

/** A sample whose reference the model scored: mean NLL per token and the token count. */
const sample = (loss: number | null, tokens: number | null): ScoredSample => ({
  output: "x",
  reference: "y",
  scores: loss === null ? {} : { loss, perplexity: Math.exp(loss) },
  referenceTokens: tokens,
});

describe("loss and perplexity", () => {
  const samples = [sample(1, 2), sample(3, 6), sample(0.5, 2), sample(null, null), sample(2, 10)];
  // Token-weighted: (1·2 + 3·6 + 0.5·2 + 2·10) / (2 + 6 + 2 + 10) = 41 / 20.
  const s = summarizeMetrics(samples, METRICS, { seed: 42 });

  it("weighs each sample by its reference tokens, and perplexity is exp of the run's loss", () => {
    expect(s.loss!.value).toBeCloseTo(41 / 20, 12);
    expect(s.loss!.n).toBe(4);
    expect(s.perplexity!.value).toBeCloseTo(Math.exp(41 / 20), 12);
    expect(s.perplexity!.n).toBe(4);
    // Not the mean of per-sample perplexities.
    expect(s.perplexity!.value).not.toBeCloseTo((Math.E + Math.exp(3) + Math.exp(0.5) + Math.exp(2)) / 4, 3);
  });

  it("resamples samples and recomputes the token-weighted mean on each (the generic bootstrap agrees)", () => {
    const scored = samples.filter((x) => x.referenceTokens);
    const generic = bootstrap(
      scored.length,
      (ix) => {
        let nll = 0;
        let tokens = 0;
        for (const i of ix) {
          nll += scored[i]!.scores.loss! * scored[i]!.referenceTokens!;
          tokens += scored[i]!.referenceTokens!;
        }
        return nll / tokens;
      },
      { seed: 42 },
    );
    expect(s.loss!.ci_low).toBeCloseTo(generic.ci_low!, 12);
    expect(s.loss!.ci_high).toBeCloseTo(generic.ci_high!, 12);
    expect(s.perplexity!.ci_low).toBeCloseTo(Math.exp(generic.ci_low!), 9);
    expect(s.perplexity!.ci_high).toBeCloseTo(Math.exp(generic.ci_high!), 9);
  });

  it("are n = 0 without scored references, and the sentence says so", () => {
    const none = summarizeMetrics([sample(null, null)], METRICS, { seed: 1 });
    expect(none.loss).toEqual({ value: null, ci_low: null, ci_high: null, n: 0 });
    expect(summarySentence({ a: none }, "automatic", { metric: "loss" })).toBe(
      "no sample was scored for loss",
    );
  });

  it("a lower loss wins the sentence and passes at_least as a ceiling", () => {
    const a = [sample(0.4, 5), sample(0.6, 5), sample(0.5, 4), sample(0.3, 6)];
    const b = [sample(2.1, 5), sample(1.9, 5), sample(2.4, 4), sample(2.0, 6)];
    const deltas = pairedMetricDeltas(a, b, METRICS, { seed: 3 });
    expect(deltas.loss!.value).toBeLessThan(0);
    const summary = {
      a: summarizeMetrics(a, METRICS, { seed: 3 }),
      b: summarizeMetrics(b, METRICS, { seed: 3 }),
    };
    expect(summarySentence(summary, "side_by_side", { metric: "loss", deltas })).toMatch(
      /^A beats B on loss by 1\.\d\d/,
    );
    const rule: GateRule = {
      id: "egr_1",
      project_id: "proj_x",
      model_id: null,
      metric: "perplexity",
      comparator: "at_least",
      threshold: 2,
      margin: null,
      prompt_count: null,
      description: "",
      created_at: new Date(0).toISOString(),
      created_by: null,
    };
    expect(decideGate([rule], { candidate: summary.a }).passed).toBe(true);
    const fail = decideGate([rule], { candidate: summary.b });
    expect(fail.passed).toBe(false);
    expect(fail.rules[0]!.reason).toContain("above 2");
  });
});
