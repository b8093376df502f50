import type {
  FineTuneJobCheckpoint,
  FineTuneJobDetail,
  FineTuneJobEvent,
  FineTuneJobEventType,
} from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Skeleton, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { isFinished } from "../api";
import { useJobEvents } from "../events/use-job-events";
import { RunDataEmpty } from "./run-data-empty";

const CHECKPOINTS: readonly FineTuneJobEventType[] = ["checkpoint"];
const reasons = ["steps", "minutes", "final", "canceled"] as const;
type Reason = (typeof reasons)[number];
const isReason = (v: unknown): v is Reason => (reasons as readonly unknown[]).includes(v);

/** A checkpoint in the event log and in the checkpoints list: the same attempt and step. */
const keyOf = (attempt: number, step: unknown) => `${attempt}:${String(step)}`;

/**
 * Checkpoints: each one the runtime wrote (step, why, when, by which attempt, where), newest first —
 * live from the event log — with whether its copy is in the blob store (any node resumes from it) and
 * a download while it can still be had (from the checkpoints list, read again as new ones arrive).
 */
export function JobCheckpointsTab({ job }: { job: FineTuneJobDetail }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const { events, loading, error, reload } = useJobEvents(job.id, CHECKPOINTS, !isFinished(job.status));
  const listed = useQuery({
    queryKey: ["fine-tuning", "job", job.id, "checkpoints", events.length, job.status],
    queryFn: () => api.fineTuning.jobs.checkpoints(job.id),
    enabled: events.length > 0,
  });
  const byKey = new Map<string, FineTuneJobCheckpoint>(
    (listed.data ?? []).map((c) => [keyOf(c.attempt, c.step), c]),
  );

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
          {
            key: "copy",
            title: t("fineTuningPage.runData.checkpoints.col.copy"),
            render: (_, e) => {
              const c = byKey.get(keyOf(e.attempt, e.data.step));
              if (!c) return listed.isLoading ? "…" : "—";
              const state = c.stored ? "stored" : c.available ? "local" : "removed";
              return (
                <Tooltip title={t(`fineTuningPage.runData.checkpoints.copy.${state}Hint`)}>
                  <Tag color={state === "stored" ? "green" : state === "local" ? "blue" : "default"}>
                    {t(`fineTuningPage.runData.checkpoints.copy.${state}`)}
                  </Tag>
                </Tooltip>
              );
            },
          },
          {
            key: "download",
            title: t("fineTuningPage.runData.checkpoints.col.download"),
            render: (_, e) => {
              const c = byKey.get(keyOf(e.attempt, e.data.step));
              if (!c?.available) return "—";
              return (
                <a
                  href={api.fineTuning.jobs.checkpointDownloadUrl(job.id, c.name)}
                  download
                  aria-label={t("fineTuningPage.runData.checkpoints.downloadOf", { step: c.step })}
                >
                  {t("fineTuningPage.runData.checkpoints.download")}
                </a>
              );
            },
          },
        ]}
      />
    </Space>
  );
}
