import { ExperimentOutlined, SnippetsOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { jobPaths } from "../api";
import { JobTable } from "../components/job-table";
import { TemplatesDrawer } from "../components/templates-drawer";
import { useJobActions } from "../components/use-job-actions";

/** §4.3.5: the project's fine-tuning jobs, the button that opens the create wizard, and the templates drawer. */
export function JobsPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const navigate = useNavigate();
  const paths = jobPaths(tenantId, projectId);
  const { onAction, dialog } = useJobActions(tenantId, projectId);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const createButton = (
    <PermissionGuard action="fine_tuning.job.create" projectId={projectId}>
      <Button type="primary" icon={<ExperimentOutlined />} onClick={() => navigate(paths.create)}>
        {t("fineTuningPage.create")}
      </Button>
    </PermissionGuard>
  );
  return (
    <>
      <PageHeader
        title={t("fineTuningPage.title")}
        description={t("fineTuningPage.description")}
        primary={createButton}
        secondary={
          <Button icon={<SnippetsOutlined />} onClick={() => setTemplatesOpen(true)}>
            {t("fineTuningPage.templates.button")}
          </Button>
        }
      />
      <JobTable
        tenantId={tenantId}
        projectId={projectId}
        onAction={onAction}
        empty={<EmptyState title={t("fineTuningPage.empty")} actions={createButton} />}
      />
      {dialog}
      <TemplatesDrawer
        open={templatesOpen}
        tenantId={tenantId}
        projectId={projectId}
        onClose={() => setTemplatesOpen(false)}
      />
    </>
  );
}
