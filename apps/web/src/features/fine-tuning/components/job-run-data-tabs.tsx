import type { FineTuneJobDetail } from "@infera/contracts";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../components/empty-state/empty-state";

/**
 * The job's run data (metrics, logs, checkpoints, artifacts). Jobs are not executed yet: the routes
 * that serve these come with execution, so each tab says so rather than show invented numbers. Each
 * is its own component so that step replaces one body at a time (MetricsPanel, LogViewer…).
 */
type RunDataKind = "metrics" | "logs" | "checkpoints" | "artifacts";

function NotYetRecorded({ kind, job }: { kind: RunDataKind; job: FineTuneJobDetail }) {
  const { t } = useTranslation();
  return (
    <div data-run-data={kind}>
      <EmptyState
        title={t(`fineTuningPage.runData.${kind}.title`)}
        description={t("fineTuningPage.runData.notYet", {
          status: t(`status.fine_tuning_status.${job.status}`),
        })}
      />
    </div>
  );
}

export function JobMetricsTab({ job }: { job: FineTuneJobDetail }) {
  return <NotYetRecorded kind="metrics" job={job} />;
}

export function JobLogsTab({ job }: { job: FineTuneJobDetail }) {
  return <NotYetRecorded kind="logs" job={job} />;
}

export function JobCheckpointsTab({ job }: { job: FineTuneJobDetail }) {
  return <NotYetRecorded kind="checkpoints" job={job} />;
}

export function JobArtifactsTab({ job }: { job: FineTuneJobDetail }) {
  return <NotYetRecorded kind="artifacts" job={job} />;
}
