import type {
  EvaluationRun,
  SummaryFigure,
  SummarySentenceParts,
  SummaryTargetName,
} from "@infera/contracts";
import type { TFunction } from "i18next";
import { formatSummary, formatValue } from "./api";

/**
 * The run's one-sentence summary in the console's language, said from its `sentence_parts` with the
 * console's metric names and number format, after a gate run's verdict. A run stored before the
 * parts existed has only the server's English `sentence`: that is shown as it is.
 */
export function summarySentenceText(run: Pick<EvaluationRun, "summary" | "gate">, t: TFunction): string {
  const parts = run.summary?.sentence_parts;
  if (!run.summary) return "";
  if (!parts) return run.summary.sentence;
  const sentence = partsText(parts, t);
  const gate = run.gate;
  if (!gate) return sentence;
  if (gate.passed) return t("evaluationPage.sentence.gatePassed", { sentence });
  const failed = gate.rules.filter((r) => !r.passed);
  if (!failed.length) return t("evaluationPage.sentence.gateNoRule", { sentence });
  const rules = failed
    .map((r) => t(`evaluationPage.metric.${r.metric}`, { defaultValue: r.metric }))
    .join(t("evaluationPage.sentence.ruleSeparator"));
  return t("evaluationPage.sentence.gateFailed", { rules, sentence });
}

function partsText(parts: SummarySentenceParts, t: TFunction): string {
  if (parts.form === "no_metric") return t("evaluationPage.sentence.noMetric");
  const metric = t(`evaluationPage.metric.${parts.metric}`, { defaultValue: parts.metric });
  const who = (n: SummaryTargetName) => n.label ?? t(`evaluationPage.sentence.name.${n.default}`);
  const samples = (n: number) =>
    n === 1 ? t("evaluationPage.sentence.oneSample") : t("evaluationPage.sentence.samples", { n });
  const figure = (f: SummaryFigure) => formatSummary(f);
  switch (parts.form) {
    case "none_scored":
      return t("evaluationPage.sentence.noneScored", { metric });
    case "single":
      return t("evaluationPage.sentence.single", {
        metric,
        value: figure(parts.figure),
        samples: samples(parts.figure.n),
      });
    case "one_missing":
      return t("evaluationPage.sentence.oneMissing", {
        metric,
        missing: who(parts.missing),
        other: who(parts.other),
        value: figure(parts.figure),
        samples: samples(parts.figure.n),
      });
    case "tie": {
      const d = parts.difference;
      const interval =
        d.ci_low !== null && d.ci_high !== null
          ? ` [${formatValue(d.ci_low)}, ${formatValue(d.ci_high)}]`
          : "";
      return t("evaluationPage.sentence.tie", {
        metric,
        a: who(parts.a),
        b: who(parts.b),
        interval,
        samples: samples(d.n),
      });
    }
    case "beats":
      return t("evaluationPage.sentence.beats", {
        metric,
        winner: who(parts.winner),
        loser: who(parts.loser),
        by: figure(parts.by),
        samples: samples(parts.by.n),
      });
    case "within_noise":
      return t("evaluationPage.sentence.withinNoise", {
        metric,
        a: who(parts.a),
        b: who(parts.b),
        leader: who(parts.leader),
        by: figure(parts.by),
        samples: samples(parts.by.n),
      });
    case "versus":
      return t("evaluationPage.sentence.versus", {
        metric,
        a: who(parts.a),
        b: who(parts.b),
        aValue: figure(parts.a_figure),
        bValue: figure(parts.b_figure),
        samples: samples(parts.a_figure.n),
      });
  }
}
