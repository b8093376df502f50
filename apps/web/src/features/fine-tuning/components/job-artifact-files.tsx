import type { FineTuneJobDetail, FineTuneJobEvent, FineTuneJobEventType } from "@infera/contracts";
import { Card, Skeleton, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { useJobEvents } from "../events/use-job-events";
import { formatBytes } from "../wizard/format";

const ARTIFACTS: readonly FineTuneJobEventType[] = ["artifact"];

/** The output files a succeeded job's runtime reported: kind, path, format, size, digest. */
export function JobArtifactFiles({ job }: { job: FineTuneJobDetail }) {
  const { t } = useTranslation();
  // Shown for a succeeded job only, whose log is closed: nothing to follow.
  const { events, loading, error, reload } = useJobEvents(job.id, ARTIFACTS, false);
  return (
    <Card size="small" title={t("fineTuningPage.runData.artifacts.files")}>
      {loading ? (
        <Skeleton active />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : events.length === 0 ? (
        <Typography.Text type="secondary">{t("fineTuningPage.runData.artifacts.noFiles")}</Typography.Text>
      ) : (
        <Table<FineTuneJobEvent>
          size="small"
          rowKey="seq"
          dataSource={events}
          pagination={false}
          aria-label={t("fineTuningPage.runData.artifacts.files")}
          columns={[
            {
              key: "kind",
              title: t("fineTuningPage.runData.artifacts.col.kind"),
              render: (_, e) => String(e.data.kind ?? "—"),
            },
            {
              key: "path",
              title: t("fineTuningPage.runData.artifacts.col.path"),
              render: (_, e) => <Typography.Text code>{String(e.data.path ?? "")}</Typography.Text>,
            },
            {
              key: "format",
              title: t("fineTuningPage.runData.artifacts.col.format"),
              render: (_, e) =>
                typeof e.data.gguf_type === "string"
                  ? `${String(e.data.format)} (${e.data.gguf_type})`
                  : String(e.data.format ?? "—"),
            },
            {
              key: "size",
              title: t("fineTuningPage.runData.artifacts.col.size"),
              render: (_, e) => formatBytes(typeof e.data.size_bytes === "number" ? e.data.size_bytes : null),
            },
            {
              key: "sha256",
              title: t("fineTuningPage.runData.artifacts.col.sha256"),
              render: (_, e) => (typeof e.data.sha256 === "string" ? <IDBadge id={e.data.sha256} /> : "—"),
            },
          ]}
        />
      )}
    </Card>
  );
}
