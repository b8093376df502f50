import type { EvaluationRun, EvaluationStatus } from "@infera/contracts";
import { Progress, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { progressPercent } from "../api";
import { formatDuration } from "../format";

const colors: Record<EvaluationStatus, string> = {
  queued: "default",
  running: "processing",
  canceling: "warning",
  succeeded: "success",
  failed: "error",
  canceled: "warning",
};

/**
 * Darker text for the tags whose Ant Design text colour is under 4.5:1 on their own background
 * (green 3.6:1, blue and orange about 4:1), as GateTag does; axe flagged them on the run's page.
 */
const readable: Partial<Record<EvaluationStatus, string>> = {
  running: "#003eb3",
  canceling: "#873800",
  succeeded: "#135200",
  canceled: "#873800",
};

/** A run's status as a coloured tag. */
export function EvalStatusTag({ status }: { status: EvaluationStatus }) {
  const { t } = useTranslation();
  const color = readable[status];
  return (
    <Tag color={colors[status]} data-status={status}>
      <span style={color ? { color } : undefined}>{t(`evaluationPage.status.${status}`)}</span>
    </Tag>
  );
}

/** Pass/Fail of a gate run; nothing for other runs or before the gate decided. */
export function GateTag({ run }: { run: Pick<EvaluationRun, "gate"> }) {
  const { t } = useTranslation();
  if (!run.gate) return null;
  return (
    <Tag color={run.gate.passed ? "green" : "red"} data-gate={run.gate.passed ? "passed" : "failed"}>
      {/* Ant Design's green tag text is 3.6:1 on its background; a darker green reads. */}
      <span style={run.gate.passed ? { color: "#135200" } : undefined}>
        {run.gate.passed ? t("evaluationPage.gate.passed") : t("evaluationPage.gate.failed")}
      </span>
    </Tag>
  );
}

/** Samples done of the total, and the time left at the pace so far (while the run is open). */
export function EvalProgress({
  run,
  compact = false,
}: {
  run: Pick<EvaluationRun, "samples_done" | "samples_total" | "eta_seconds" | "status">;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const percent = progressPercent(run);
  return (
    <Space orientation="vertical" size={2} style={{ width: "100%" }} data-testid="eval-progress">
      <Progress
        percent={percent ?? 0}
        size={compact ? "small" : "default"}
        status="active"
        aria-label={t("evaluationPage.progress.label")}
      />
      <Typography.Text type="secondary" style={{ fontSize: compact ? 12 : undefined }}>
        {run.samples_total
          ? t("evaluationPage.progress.samples", { done: run.samples_done, total: run.samples_total })
          : t("evaluationPage.progress.starting")}
        {run.eta_seconds !== null
          ? ` · ${t("evaluationPage.progress.eta", { eta: formatDuration(run.eta_seconds) })}`
          : ""}
      </Typography.Text>
    </Space>
  );
}
