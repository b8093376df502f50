import type { FineTuneJob } from "@infera/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  DataTable,
  type DataTableColumn,
  type DataTableFilter,
} from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { formatDuration, type JobAction, jobKeys, jobPaths, runDuration } from "../api";
import { JobRowActions } from "./job-row-actions";
import { JobStatusTag } from "./job-status-tag";

const statuses = ["queued", "starting", "running", "canceling", "succeeded", "failed", "canceled"] as const;

/** The project's fine-tuning jobs (§4.3.5), newest first: server-paginated, filtered, exportable. */
export function JobTable({
  tenantId,
  projectId,
  empty,
  onAction,
}: {
  tenantId: string;
  projectId: string;
  empty: ReactNode;
  onAction: (action: JobAction, job: FineTuneJob) => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const paths = jobPaths(tenantId, projectId);
  const columns: DataTableColumn<FineTuneJob>[] = [
    {
      key: "name",
      title: t("fineTuningPage.col.name"),
      render: (j) => (
        <span>
          <Link to={paths.job(j.id)}>{j.name ?? j.id}</Link>
          {j.name ? (
            <>
              {" "}
              <IDBadge id={j.id} />
            </>
          ) : null}
        </span>
      ),
    },
    {
      key: "status",
      title: t("fineTuningPage.col.status"),
      render: (j) => <JobStatusTag status={j.status} />,
    },
    {
      key: "method",
      title: t("fineTuningPage.col.method"),
      render: (j) => `${t(`fineTuningPage.method.${j.method}`)} · ${t(`fineTuningPage.stage.${j.stage}`)}`,
    },
    {
      key: "base_model",
      title: t("fineTuningPage.col.baseModel"),
      render: (j) => (
        <Link to={paths.modelVersion(j.base_model_version_id)}>
          <IDBadge id={j.base_model_version_id} />
        </Link>
      ),
    },
    {
      key: "dataset",
      title: t("fineTuningPage.col.dataset"),
      render: (j) => (
        <Link to={paths.datasetVersion(j.dataset_id, j.dataset_version_id)}>
          <IDBadge id={j.dataset_version_id} />
        </Link>
      ),
    },
    {
      key: "queue_position",
      title: t("fineTuningPage.col.queuePosition"),
      render: (j) => (j.queue_position === null ? "—" : `#${j.queue_position}`),
    },
    {
      key: "eta",
      title: t("fineTuningPage.col.eta"),
      render: (j) => (j.eta_seconds === null ? "—" : formatDuration(j.eta_seconds)),
    },
    {
      key: "created_by",
      title: t("fineTuningPage.col.creator"),
      render: (j) => (j.created_by ? <IDBadge id={j.created_by} /> : "—"),
    },
    {
      key: "created_at",
      title: t("common.createdAt"),
      sortable: true,
      render: (j) => formatDate(j.created_at),
    },
    {
      key: "duration",
      title: t("fineTuningPage.col.duration"),
      render: (j) => {
        const d = runDuration(j);
        return d === null ? "—" : formatDuration(d);
      },
    },
    {
      key: "resource_class",
      title: t("fineTuningPage.col.resourceClass"),
      defaultHidden: true,
      render: (j) => j.resource_class,
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (j) => <JobRowActions job={j} projectId={projectId} onAction={onAction} />,
    },
  ];
  const filters: DataTableFilter[] = [
    {
      key: "status",
      label: t("fineTuningPage.filter.status"),
      type: "select",
      options: statuses.map((value) => ({ value, label: t(`status.fine_tuning_status.${value}`) })),
    },
    {
      key: "method",
      label: t("fineTuningPage.filter.method"),
      type: "select",
      options: (["lora", "full"] as const).map((value) => ({
        value,
        label: t(`fineTuningPage.method.${value}`),
      })),
    },
    {
      key: "created_by",
      label: t("fineTuningPage.filter.creator"),
      type: "select",
      options: [{ value: "me", label: t("fineTuningPage.filter.mine") }],
    },
  ];
  return (
    <DataTable<FineTuneJob>
      ariaLabel={t("fineTuningPage.title")}
      list={(q) => api.fineTuning.jobs.list(projectId, pageQuery(q))}
      exportCsv={(q) => api.fineTuning.jobs.exportCsv(projectId, exportQuery(q))}
      exportJson={(q) => api.fineTuning.jobs.exportJson(projectId, exportQuery(q))}
      exportName="fine-tuning-jobs"
      queryKey={jobKeys.list(projectId)}
      columns={columns}
      rowKey={(j) => j.id}
      filters={filters}
      searchPlaceholder={t("fineTuningPage.search")}
      empty={empty}
    />
  );
}
