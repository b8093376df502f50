import { SnippetsOutlined } from "@ant-design/icons";
import { Button, Skeleton, Space, Tabs, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { jobLabel, jobPaths, useJob } from "../api";
import { JobArtifactsTab } from "../components/job-artifacts-tab";
import { JobAuditTab } from "../components/job-audit-tab";
import { JobCheckpointsTab } from "../components/job-checkpoints-tab";
import { JobLogsTab } from "../components/job-logs-tab";
import { JobOverviewTab } from "../components/job-overview-tab";
import { JobRowActions } from "../components/job-row-actions";
import { JobStatusTag } from "../components/job-status-tag";
import { SaveTemplateDialog } from "../components/save-template-dialog";
import { useJobActions } from "../components/use-job-actions";

// The charts (ECharts) load with the Metrics tab, not with the page.
const JobMetricsTab = lazy(() =>
  import("../components/job-metrics-tab").then((m) => ({ default: m.JobMetricsTab })),
);

const tabs = ["overview", "metrics", "logs", "checkpoints", "artifacts", "audit"] as const;
type Tab = (typeof tabs)[number];

/** §4.3.5 job detail: status, actions and "Save as template"; Overview, Metrics, Logs, Checkpoints, Artifacts, Audit. */
export function JobDetailPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "", jobId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const paths = jobPaths(tenantId, projectId);
  const job = useJob(jobId);
  const { onAction, dialog } = useJobActions(tenantId, projectId, {
    afterDelete: () => navigate(paths.list),
  });
  const [saving, setSaving] = useState(false);
  const requested = params.get("tab") as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : "overview";
  const setTab = (k: string) => setParams(k === "overview" ? {} : { tab: k }, { replace: true });

  if (job.isPending) return <PageSkeleton />;
  if (job.isError) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  return (
    <>
      <PageHeader
        title={jobLabel(j)}
        description={
          <Space wrap size={8}>
            <JobStatusTag status={j.status} />
            <IDBadge id={j.id} />
            <Typography.Text type="secondary">
              {t(`fineTuningPage.method.${j.method}`)} · {t(`fineTuningPage.stage.${j.stage}`)} ·{" "}
              {j.resource_class}
            </Typography.Text>
          </Space>
        }
        secondary={
          <Space wrap size={8}>
            <JobRowActions job={j} projectId={projectId} onAction={onAction} mode="lock" size="middle" />
            <PermissionGuard action="fine_tuning.template.create" projectId={projectId}>
              <Button icon={<SnippetsOutlined />} onClick={() => setSaving(true)}>
                {t("fineTuningPage.templates.save")}
              </Button>
            </PermissionGuard>
          </Space>
        }
      />
      <Tabs
        activeKey={active}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: "overview",
            label: t("fineTuningPage.tabs.overview"),
            children: (
              <JobOverviewTab
                job={j}
                tenantId={tenantId}
                projectId={projectId}
                onFix={(source) => onAction("fix", source)}
              />
            ),
          },
          {
            key: "metrics",
            label: t("fineTuningPage.tabs.metrics"),
            children: (
              <Suspense fallback={<Skeleton active />}>
                <JobMetricsTab job={j} />
              </Suspense>
            ),
          },
          { key: "logs", label: t("fineTuningPage.tabs.logs"), children: <JobLogsTab job={j} /> },
          {
            key: "checkpoints",
            label: t("fineTuningPage.tabs.checkpoints"),
            children: <JobCheckpointsTab job={j} />,
          },
          {
            key: "artifacts",
            label: t("fineTuningPage.tabs.artifacts"),
            children: <JobArtifactsTab job={j} tenantId={tenantId} projectId={projectId} />,
          },
          {
            key: "audit",
            label: t("fineTuningPage.tabs.audit"),
            children: <JobAuditTab job={j} projectId={projectId} auditPath={paths.audit} />,
          },
        ]}
      />
      {dialog}
      <SaveTemplateDialog
        open={saving}
        tenantId={tenantId}
        projectId={projectId}
        config={j.config}
        onClose={() => setSaving(false)}
      />
    </>
  );
}
