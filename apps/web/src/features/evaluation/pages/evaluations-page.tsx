import { DatabaseOutlined, ExperimentOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { evalPaths } from "../api";
import { EvaluationTable } from "../components/evaluation-table";
import { useRunActions } from "../components/use-run-actions";

/** §4.3.6: the project's evaluation runs and the button that opens the create wizard. */
export function EvaluationsPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const navigate = useNavigate();
  const paths = evalPaths(tenantId, projectId);
  const onAction = useRunActions(tenantId, projectId);
  const createButton = (
    <PermissionGuard action="evaluation.create" projectId={projectId}>
      <Button type="primary" icon={<ExperimentOutlined />} onClick={() => navigate(paths.create)}>
        {t("evaluationPage.create")}
      </Button>
    </PermissionGuard>
  );
  return (
    <>
      <PageHeader
        title={t("evaluationPage.title")}
        description={t("evaluationPage.description")}
        primary={createButton}
        secondary={
          <>
            <Button icon={<DatabaseOutlined />} onClick={() => navigate(paths.benchmarks)}>
              {t("evaluationBenchmarks.tab")}
            </Button>
            <Button icon={<SafetyCertificateOutlined />} onClick={() => navigate(paths.gateRules)}>
              {t("evaluationGateRules.tab")}
            </Button>
          </>
        }
      />
      <EvaluationTable
        tenantId={tenantId}
        projectId={projectId}
        onAction={onAction}
        empty={
          <EmptyState
            title={t("evaluationPage.empty")}
            description={t("evaluationPage.emptyHint")}
            actions={createButton}
          />
        }
      />
    </>
  );
}
