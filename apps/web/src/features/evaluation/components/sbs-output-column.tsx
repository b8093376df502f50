import type { EvaluationSample } from "@infera/contracts";
import { Alert, Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DiffSegment } from "../compare/word-diff";

/** Words the other side lacks: a tint that keeps the text above 4.5:1. */
const markStyle = { a: { background: "#fff1b8", padding: 0 }, b: { background: "#d9f7be", padding: 0 } };

/**
 * One side of a side-by-side prompt: the target's label, its output with the words the other side
 * does not have highlighted, and how long it took.
 */
export function SbsOutputColumn({
  side,
  label,
  sample,
  segments,
}: {
  side: "a" | "b";
  label: string;
  sample: EvaluationSample | null;
  /** The output in diff segments; null shows it plain. */
  segments: DiffSegment[] | null;
}) {
  const { t } = useTranslation();
  const key = side.toUpperCase();
  const title = t("evaluationSbs.side", { key, label });
  const output = sample?.output ?? null;
  return (
    <Card
      size="small"
      title={title}
      role="region"
      aria-label={title}
      data-side={side}
      style={{ height: "100%" }}
    >
      {sample?.error ? (
        <Alert type="error" showIcon title={t("evaluationSbs.generationError", { error: sample.error })} />
      ) : null}
      {output === null || output === "" ? (
        <Typography.Text type="secondary">{t("evaluationSbs.noOutput")}</Typography.Text>
      ) : (
        <div style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }} data-output={side}>
          {segments
            ? segments.map((s, i) =>
                s.changed ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
                  <mark key={i} data-diff={side} style={markStyle[side]}>
                    {s.text}
                  </mark>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
                  <span key={i}>{s.text}</span>
                ),
              )
            : output}
        </div>
      )}
      {sample && (sample.latency_ms !== null || sample.completion_tokens !== null) ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t("evaluationSbs.sampleMeta", {
            latency: sample.latency_ms === null ? "—" : Math.round(sample.latency_ms),
            tokens: sample.completion_tokens ?? "—",
          })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
