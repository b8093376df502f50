import type { EvaluationRun, SummarySentenceParts } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../i18n/i18n";
import { enUS } from "../../i18n/locales/en-US";
import { zhCN } from "../../i18n/locales/zh-CN";
import { summarySentenceText } from "./summary-sentence";
import { gateOutcome } from "./test/fixtures";

const t = (lang: "en-US" | "zh-CN") => createI18n(lang, { "zh-CN": zhCN, "en-US": enUS }).t;
const A = { key: "a", label: null, default: "default_a" } as const;
const B = { key: "b", label: null, default: "default_b" } as const;
const candidate = { key: "a", label: null, default: "candidate" } as const;
const prod = { key: "b", label: "router:prod", default: "prod" } as const;
const fig = (value: number, ci_low: number | null, ci_high: number | null, n: number) => ({
  value,
  ci_low,
  ci_high,
  n,
});

function run(parts: SummarySentenceParts | undefined, gate: EvaluationRun["gate"] = null) {
  return {
    summary: {
      metrics: {},
      sentence: "the stored English sentence",
      ...(parts ? { sentence_parts: parts } : {}),
    },
    gate,
  };
}

/** Each form in both languages: the console's metric names and number format, the default names translated. */
const CASES: [SummarySentenceParts, string, string][] = [
  [{ form: "no_metric" }, "no metric was computed", "没有计算任何指标"],
  [
    { form: "none_scored", metric: "exact_match" },
    "no sample was scored for Exact match",
    "没有样本得到精确匹配的分数",
  ],
  [
    { form: "single", metric: "exact_match", figure: fig(0.92, 0.88, 0.95, 200) },
    "Exact match 0.92 [0.88, 0.95] on 200 samples",
    "精确匹配 0.92 [0.88, 0.95]（200 个样本）",
  ],
  [
    { form: "single", metric: "my_metric", figure: fig(3, null, null, 1) },
    "my_metric 3 on 1 sample",
    "my_metric 3（1 个样本）",
  ],
  [
    { form: "one_missing", metric: "bleu", missing: prod, other: candidate, figure: fig(31.25, 28, 34.5, 5) },
    "router:prod has no BLEU; candidate: BLEU 31.3 [28.0, 34.5] on 5 samples",
    "router:prod 没有BLEU；候选版本：BLEU 31.3 [28.0, 34.5]（5 个样本）",
  ],
  [
    { form: "tie", metric: "exact_match", a: A, b: B, difference: fig(0, -0.1, 0.1, 10) },
    "A and B tie on Exact match: difference 0 [-0.1, 0.1] on 10 samples",
    "A 与 B 在精确匹配上持平：差值 0 [-0.1, 0.1]（10 个样本）",
  ],
  [
    { form: "beats", metric: "exact_match", winner: B, loser: A, by: fig(0.86, 0.8, 0.91, 200) },
    "B beats A on Exact match by 0.86 [0.8, 0.91] on 200 samples",
    "B 在精确匹配上胜过 A，高出 0.86 [0.8, 0.91]（200 个样本）",
  ],
  [
    {
      form: "within_noise",
      metric: "exact_match",
      a: candidate,
      b: prod,
      leader: candidate,
      by: fig(0.01, -0.02, 0.04, 200),
    },
    "candidate and router:prod are within noise on Exact match: candidate ahead by 0.01 [-0.02, 0.04] on 200 samples",
    "候选版本 与 router:prod 在精确匹配上的差别在噪声范围内：候选版本 领先 0.01 [-0.02, 0.04]（200 个样本）",
  ],
  [
    {
      form: "versus",
      metric: "exact_match",
      a: A,
      b: B,
      a_figure: fig(0.05, 0.02, 0.08, 200),
      b_figure: fig(0.91, 0.87, 0.95, 200),
    },
    "A 0.05 [0.02, 0.08] vs B 0.91 [0.87, 0.95] on Exact match (200 samples)",
    "精确匹配：A 0.05 [0.02, 0.08]，B 0.91 [0.87, 0.95]（200 个样本）",
  ],
];

describe("summarySentenceText", () => {
  it.each(CASES)("says %j in English and Chinese", (parts, en, zh) => {
    expect(summarySentenceText(run(parts), t("en-US"))).toBe(en);
    expect(summarySentenceText(run(parts), t("zh-CN"))).toBe(zh);
  });

  it("a run stored before the parts existed shows its stored sentence in either language", () => {
    expect(summarySentenceText(run(undefined), t("zh-CN"))).toBe("the stored English sentence");
    expect(summarySentenceText({ summary: null, gate: null }, t("zh-CN"))).toBe("");
  });

  it("a gate run's verdict comes first, naming the failed rules' metrics", () => {
    const parts: SummarySentenceParts = {
      form: "single",
      metric: "exact_match",
      figure: fig(0.4, 0.3, 0.5, 20),
    };
    const failed = {
      passed: false,
      rules: [
        gateOutcome({ passed: false }),
        gateOutcome({ rule_id: "egr_2", metric: "regression_pass_rate", passed: false }),
        gateOutcome({ rule_id: "egr_3", metric: "bleu", passed: true }),
      ],
    };
    expect(summarySentenceText(run(parts, failed), t("zh-CN"))).toBe(
      "门禁未通过（精确匹配；回归提示通过率）：精确匹配 0.4 [0.3, 0.5]（20 个样本）",
    );
    expect(summarySentenceText(run(parts, failed), t("en-US"))).toBe(
      "Gate failed (Exact match; Regression pass rate): Exact match 0.4 [0.3, 0.5] on 20 samples",
    );
    expect(summarySentenceText(run(parts, { passed: true, rules: [gateOutcome()] }), t("zh-CN"))).toBe(
      "门禁通过：精确匹配 0.4 [0.3, 0.5]（20 个样本）",
    );
    expect(summarySentenceText(run(parts, { passed: false, rules: [] }), t("en-US"))).toBe(
      "Gate failed (no rule applies): Exact match 0.4 [0.3, 0.5] on 20 samples",
    );
  });
});
