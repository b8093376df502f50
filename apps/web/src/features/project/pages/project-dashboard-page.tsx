import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Descriptions, Row, Skeleton, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { usePermissions } from "../../../permissions/use-permissions";
import { RecentAuditEvents } from "../../../shared/recent-audit-events";
import { useProject } from "../../../shared/tenancy";
import { PageHeader } from "../../../shell/page-header";

/** §4.3.1 frame: the cards whose data exists (members, service accounts, env) and recent events. */
export function ProjectDashboardPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const { formatDate } = usePreferences();
  const base = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`;
  const project = useProject(projectId);
  const permissions = usePermissions(projectId, tenantId);
  const canMembers = permissions.can("project.member.list").allowed;
  const canSAs = permissions.can("project.service_account.list").allowed;
  const members = useQuery({
    queryKey: ["projects", projectId, "members", "all"],
    queryFn: () => api.members.list(projectId, { limit: 200 }),
    enabled: canMembers,
  });
  const sas = useQuery({
    queryKey: ["projects", projectId, "service-accounts", "all"],
    queryFn: () => api.serviceAccounts.list(projectId, { limit: 200 }),
    enabled: canSAs,
  });
  const audit = permissions.can("project.audit.list");
  const p = project.data;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  return (
    <>
      <PageHeader
        title={p ? p.name : <Skeleton.Input active size="small" />}
        description={p?.description || t("dashboard.description")}
        secondary={p ? <StatusBadge kind="env" value={p.env} /> : null}
      />
      {p?.env === "prod" ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t("dashboard.prodNotice")} />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} sm={12} lg={8}>
          <Card size="small" title={t("dashboard.project")} style={{ height: "100%" }}>
            {p ? (
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: "id", label: t("settings.projectId"), children: <IDBadge id={p.id} /> },
                  { key: "owner", label: t("projects.owner"), children: p.owner_email ?? "—" },
                  {
                    key: "role",
                    label: t("projects.yourRole"),
                    children: p.role ? t(`roles.project.${p.role}`) : "—",
                  },
                  { key: "created", label: t("common.createdAt"), children: formatDate(p.created_at) },
                ]}
              />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        {canMembers ? (
          <Col xs={24} sm={12} lg={8}>
            <Card size="small" style={{ height: "100%" }}>
              <Link to={`${base}/settings?tab=members`}>
                <Statistic
                  title={t("dashboard.members")}
                  value={members.data ? members.data.data.length : "—"}
                  loading={members.isPending}
                />
              </Link>
            </Card>
          </Col>
        ) : null}
        {canSAs ? (
          <Col xs={24} sm={12} lg={8}>
            <Card size="small" style={{ height: "100%" }}>
              <Link to={`${base}/settings?tab=service-accounts`}>
                <Statistic
                  title={t("dashboard.serviceAccounts")}
                  value={sas.data ? sas.data.data.filter((s) => s.status === "active").length : "—"}
                  suffix={sas.data ? `/ ${sas.data.data.length}` : undefined}
                  loading={sas.isPending}
                />
              </Link>
            </Card>
          </Col>
        ) : null}
      </Row>
      <div style={{ marginTop: 16 }}>
        {audit.allowed ? (
          <RecentAuditEvents tenantId={tenantId} projectId={projectId} auditPath={`${base}/audit`} />
        ) : permissions.isLoading ? null : (
          <Alert type="info" showIcon title={t("overview.auditHidden")} description={audit.reason} />
        )}
      </div>
    </>
  );
}
