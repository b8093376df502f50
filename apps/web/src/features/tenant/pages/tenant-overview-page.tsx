import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Row, Skeleton, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../../lib/client";
import { usePermissions } from "../../../permissions/use-permissions";
import { RecentAuditEvents } from "../../../shared/recent-audit-events";
import { useTenant, useTenantProjects } from "../../../shared/tenancy";
import { PageHeader } from "../../../shell/page-header";

function count(page: { data: unknown[]; next_cursor: string | null } | undefined): string | number {
  if (!page) return "—";
  return page.next_cursor ? `${page.data.length}+` : page.data.length;
}

/** §4.2.1 with the cards whose data exists: projects, members, recent audit events. */
export function TenantOverviewPage() {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams();
  const base = `/t/${encodeURIComponent(tenantId)}`;
  const tenant = useTenant(tenantId);
  const projects = useTenantProjects(tenantId);
  const permissions = usePermissions(null, tenantId);
  const canUsers = permissions.can("tenant.user.list").allowed;
  const users = useQuery({
    queryKey: ["tenants", tenantId, "users", "all"],
    queryFn: () => api.tenantUsers.list(tenantId, { limit: 200 }),
    enabled: canUsers,
  });
  const list = projects.data?.data ?? [];
  const audit = permissions.can("tenant.audit.list");
  const card = (title: string, value: string | number, to: string, loading: boolean) => (
    <Col xs={24} sm={12} lg={6}>
      <Card size="small">
        {loading ? (
          <Skeleton active paragraph={false} />
        ) : (
          <Link to={to}>
            <Statistic title={title} value={value} />
          </Link>
        )}
      </Card>
    </Col>
  );
  return (
    <>
      <PageHeader title={tenant.data?.name ?? t("nav.overview")} description={t("overview.description")} />
      <Row gutter={[12, 12]}>
        {card(t("overview.activeProjects"), count(projects.data), `${base}/projects`, projects.isPending)}
        {card(
          t("overview.prodProjects"),
          projects.data ? list.filter((p) => p.env === "prod").length : "—",
          `${base}/projects`,
          projects.isPending,
        )}
        {canUsers ? card(t("overview.members"), count(users.data), `${base}/users`, users.isPending) : null}
        {canUsers
          ? card(
              t("overview.disabledMembers"),
              users.data ? users.data.data.filter((u) => u.status === "disabled").length : "—",
              `${base}/users`,
              users.isPending,
            )
          : null}
      </Row>
      <div style={{ marginTop: 16 }}>
        {audit.allowed ? (
          <RecentAuditEvents tenantId={tenantId} auditPath={`${base}/audit`} />
        ) : permissions.isLoading ? null : (
          <Alert type="info" showIcon title={t("overview.auditHidden")} description={audit.reason} />
        )}
      </div>
    </>
  );
}
