import type { FineTuneJobDetail, FineTuneJobEvent, FineTuneJobEventType } from "@infera/contracts";
import { Skeleton, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { usePreferences } from "../../../lib/preferences";
import { isFinished } from "../api";
import { useJobEvents } from "../events/use-job-events";
import { RunDataEmpty } from "./run-data-empty";

const CHECKPOINTS: readonly FineTuneJobEventType[] = ["checkpoint"];
const reasons = ["steps", "minutes", "final", "canceled"] as const;
type Reason = (typeof reasons)[number];
const isReason = (v: unknown): v is Reason => (reasons as readonly unknown[]).includes(v);

/** Checkpoints: each one the runtime wrote (step, why, when, by which attempt, where), newest first. */
export function JobCheckpointsTab({ job }: { job: FineTuneJobDetail }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const { events, loading, error, reload } = useJobEvents(job.id, CHECKPOINTS, !isFinished(job.status));

  if (loading) return <Skeleton active />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (events.length === 0) return <RunDataEmpty kind="checkpoints" job={job} />;
  const rows = [...events].reverse();
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-run-data="checkpoints">
      <Typography.Text type="secondary">{t("fineTuningPage.runData.checkpoints.kept")}</Typography.Text>
      <Table<FineTuneJobEvent>
        size="small"
        rowKey="seq"
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        columns={[
          {
            key: "step",
            title: t("fineTuningPage.runData.checkpoints.col.step"),
            render: (_, e) => String(e.data.step ?? "—"),
          },
          {
            key: "reason",
            title: t("fineTuningPage.runData.checkpoints.col.reason"),
            render: (_, e) =>
              isReason(e.data.reason) ? t(`fineTuningPage.runData.checkpoints.reason.${e.data.reason}`) : "—",
          },
          {
            key: "time",
            title: t("fineTuningPage.runData.checkpoints.col.time"),
            render: (_, e) => formatDate(e.at),
          },
          {
            key: "attempt",
            title: t("fineTuningPage.runData.checkpoints.col.attempt"),
            dataIndex: "attempt",
          },
          {
            key: "path",
            title: t("fineTuningPage.runData.checkpoints.col.path"),
            render: (_, e) => <Typography.Text code>{String(e.data.path ?? "")}</Typography.Text>,
          },
        ]}
      />
    </Space>
  );
}
