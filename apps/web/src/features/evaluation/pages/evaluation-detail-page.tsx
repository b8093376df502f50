import { DownloadOutlined, PrinterOutlined, RocketOutlined } from "@ant-design/icons";
import { Button, Dropdown, Result, Space, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { isApiError } from "../../../lib/api-error";
import { api } from "../../../lib/client";
import { usePermissions } from "../../../permissions/use-permissions";
import { PageHeader } from "../../../shell/page-header";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { evalPaths, isOpen, runLabel, targetOf, useEvaluationRun } from "../api";
import { EvalProgress, EvalStatusTag, GateTag } from "../components/eval-status";
import { GateTab } from "../components/gate-tab";
import { PrintableReport } from "../components/printable-report";
import { ReportTab } from "../components/report-tab";
import { RunActions } from "../components/run-actions";
import { RunAuditTab } from "../components/run-audit-tab";
import { SideBySideTab } from "../components/side-by-side-tab";
import { TargetLinks } from "../components/target-links";
import { useRunActions } from "../components/use-run-actions";

type Tab = "report" | "side_by_side" | "gate" | "audit";

/** §4.3.6 evaluation detail: status, Pass/Fail, progress, export, re-run, cancel, promote; Report, Side-by-Side, Gate, Audit. */
export function EvaluationDetailPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "", evalRunId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const paths = evalPaths(tenantId, projectId);
  const query = useEvaluationRun(evalRunId);
  const onAction = useRunActions(tenantId, projectId);
  const permissions = usePermissions(projectId);

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404)
      return (
        <Result
          status="404"
          title={t("evaluationPage.notFound")}
          subTitle={t("evaluationPage.notFoundHint", { id: evalRunId })}
          extra={<Link to={paths.list}>{t("evaluationPage.backToList")}</Link>}
        />
      );
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const run = query.data;
  const printing = params.get("print") === "1";
  if (printing) return <PrintableReport run={run} onClose={() => setParams({}, { replace: true })} />;

  const tabs: Tab[] = [
    "report",
    ...(run.kind === "side_by_side" ? (["side_by_side"] as const) : []),
    ...(run.kind === "gate" ? (["gate"] as const) : []),
    "audit",
  ];
  const requested = params.get("tab") as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : "report";
  const setTab = (k: string) => setParams(k === "report" ? {} : { tab: k }, { replace: true });

  const candidate = targetOf(run, "a");
  const promotable =
    run.kind === "gate" && run.gate?.passed === true && candidate?.model_id && candidate.model_version_id;
  const mayMoveTags = permissions.can("model.tag.update").allowed;

  return (
    <>
      <PageHeader
        title={runLabel(run)}
        description={
          <Space orientation="vertical" size={4} style={{ width: "100%" }}>
            <Space wrap size={8}>
              <EvalStatusTag status={run.status} />
              <GateTag run={run} />
              <IDBadge id={run.id} />
              <Typography.Text type="secondary">{t(`evaluationPage.kind.${run.kind}`)}</Typography.Text>
            </Space>
            <TargetLinks run={run} paths={paths} />
            {isOpen(run.status) && run.status !== "canceling" ? (
              <div style={{ maxWidth: 480 }}>
                <EvalProgress run={run} />
              </div>
            ) : null}
          </Space>
        }
        secondary={
          <Space wrap size={8}>
            <Dropdown
              menu={{
                items: [
                  {
                    key: "json",
                    label: (
                      <a href={api.evaluations.exportUrl(run.id, "json")} download={`${run.id}.json`}>
                        {t("evaluationPage.export.json")}
                      </a>
                    ),
                  },
                  {
                    key: "csv",
                    label: (
                      <a href={api.evaluations.exportUrl(run.id, "csv")} download={`${run.id}.csv`}>
                        {t("evaluationPage.export.csv")}
                      </a>
                    ),
                  },
                  {
                    key: "print",
                    icon: <PrinterOutlined />,
                    label: t("evaluationPage.export.print"),
                    onClick: () => setParams({ print: "1" }),
                  },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>{t("evaluationPage.export.button")}</Button>
            </Dropdown>
            <RunActions run={run} projectId={projectId} onAction={onAction} mode="lock" size="middle" />
          </Space>
        }
        primary={
          promotable && mayMoveTags && candidate.model_id && candidate.model_version_id ? (
            <Button
              type="primary"
              icon={<RocketOutlined />}
              onClick={() =>
                navigate(paths.promote(candidate.model_id ?? "", candidate.model_version_id ?? "", run.id))
              }
            >
              {t("evaluationPage.promote")}
            </Button>
          ) : undefined
        }
      />
      <Tabs
        activeKey={active}
        onChange={setTab}
        destroyOnHidden
        items={tabs.map((key) => ({
          key,
          label: t(`evaluationPage.tabs.${key}`),
          children:
            key === "report" ? (
              <ReportTab run={run} />
            ) : key === "side_by_side" ? (
              <SideBySideTab run={run} />
            ) : key === "gate" ? (
              <GateTab run={run} projectId={projectId} onRerun={() => onAction("rerun", run)} />
            ) : (
              <RunAuditTab run={run} projectId={projectId} auditPath={paths.audit} />
            ),
        }))}
      />
    </>
  );
}
