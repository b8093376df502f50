import type { EvaluationSample } from "@infera/contracts";
import { Descriptions } from "antd";
import { useTranslation } from "react-i18next";
import { formatValue } from "../api";
import { regressionChecksText } from "../regression-failure-text";

function inputText(input: EvaluationSample["input"]): string {
  return typeof input === "string" ? input : input.map((m) => `${m.role}: ${m.content}`).join("\n");
}

/** An expanded sample: what was sent, what was expected, what came back, and every score. */
export function SampleDetail({ sample }: { sample: EvaluationSample }) {
  const { t } = useTranslation();
  const pre = { whiteSpace: "pre-wrap" as const, margin: 0, maxHeight: 200, overflow: "auto" as const };
  return (
    <Descriptions size="small" column={1} bordered data-testid={`sample-${sample.target}-${sample.index}`}>
      <Descriptions.Item label={t("evaluationPage.samples.input")}>
        <pre style={pre}>{inputText(sample.input)}</pre>
      </Descriptions.Item>
      <Descriptions.Item label={t("evaluationPage.samples.reference")}>
        <pre style={pre}>{sample.reference ?? "—"}</pre>
      </Descriptions.Item>
      <Descriptions.Item label={t("evaluationPage.samples.output")}>
        <pre style={pre}>{sample.output ?? "—"}</pre>
      </Descriptions.Item>
      {sample.error ? (
        <Descriptions.Item label={t("evaluationPage.samples.error")}>{sample.error}</Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t("evaluationPage.samples.scores")}>
        {Object.entries(sample.scores)
          .map(([m, v]) => `${t(`evaluationPage.metric.${m}`, { defaultValue: m })}: ${formatValue(v)}`)
          .join(" · ") || "—"}
      </Descriptions.Item>
      {sample.regression ? (
        // A gate's regression prompt: each of its checks, passed or how it failed.
        <Descriptions.Item label={t("evaluationPage.samples.checks")}>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {regressionChecksText(sample.regression, t).map((line) => (
              // Each line starts with its check's number, so it is its own key.
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Descriptions.Item>
      ) : null}
      {sample.judge_reason ? (
        <Descriptions.Item label={t("evaluationPage.samples.judgeReason")}>
          {sample.judge_reason}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
