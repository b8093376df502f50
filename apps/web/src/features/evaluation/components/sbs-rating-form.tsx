import type { RateSampleInput, SampleRating } from "@infera/contracts";
import { Button, Card, Input, Radio, Rate, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

type Winner = RateSampleInput["winner"];

/**
 * The rater's judgement of one prompt: 1–5 for A and for B, the winner, a note. Starts from the
 * caller's saved rating; read-only (every control disabled) without `evaluation.rate`.
 */
export function SbsRatingForm({
  index,
  mine,
  readOnly,
  saving,
  saved,
  onSave,
}: {
  index: number;
  mine: SampleRating | null;
  readOnly: boolean;
  saving: boolean;
  saved: boolean;
  onSave(input: RateSampleInput, thenNext: boolean): void;
}) {
  const { t } = useTranslation();
  const [scoreA, setScoreA] = useState<number | null>(mine?.score_a ?? null);
  const [scoreB, setScoreB] = useState<number | null>(mine?.score_b ?? null);
  const [winner, setWinner] = useState<Winner | null>(mine?.winner ?? null);
  const [note, setNote] = useState(mine?.note ?? "");
  const title = t("evaluationSbs.rating");
  const save = (thenNext: boolean) => {
    if (!winner) return;
    onSave({ index, score_a: scoreA, score_b: scoreB, winner, note: note.trim() }, thenNext);
  };
  const canSave = !readOnly && !saving && winner !== null;

  return (
    <Card size="small" title={title} role="region" aria-label={title}>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Space wrap size={24}>
          {(["a", "b"] as const).map((side) => {
            const label = t("evaluationSbs.scoreOf", { key: side.toUpperCase() });
            return (
              <Space key={side} size={8}>
                <Typography.Text>{label}</Typography.Text>
                <span role="radiogroup" aria-label={label}>
                  <Rate
                    disabled={readOnly}
                    value={(side === "a" ? scoreA : scoreB) ?? 0}
                    onChange={(v) => (side === "a" ? setScoreA : setScoreB)(v === 0 ? null : v)}
                  />
                </span>
              </Space>
            );
          })}
        </Space>
        <Space size={8} wrap>
          <Typography.Text id={`sbs-winner-${index}`}>{t("evaluationSbs.winner")}</Typography.Text>
          <Radio.Group
            aria-labelledby={`sbs-winner-${index}`}
            optionType="button"
            disabled={readOnly}
            value={winner}
            onChange={(e) => setWinner(e.target.value as Winner)}
            options={[
              { value: "a", label: t("evaluationSbs.winnerA") },
              { value: "tie", label: t("evaluationSbs.tie") },
              { value: "b", label: t("evaluationSbs.winnerB") },
            ]}
          />
        </Space>
        <Input.TextArea
          aria-label={t("evaluationSbs.note")}
          placeholder={t("evaluationSbs.notePlaceholder")}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          disabled={readOnly}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Space wrap>
          <Button type="primary" disabled={!canSave} onClick={() => save(false)}>
            {t("evaluationSbs.save")}
          </Button>
          <Button disabled={!canSave} onClick={() => save(true)}>
            {t("evaluationSbs.saveNext")}
          </Button>
          {saving ? (
            <Typography.Text type="secondary">{t("evaluationSbs.saving")}</Typography.Text>
          ) : saved ? (
            <Typography.Text type="success">{t("evaluationSbs.saved")}</Typography.Text>
          ) : null}
        </Space>
      </Space>
    </Card>
  );
}
