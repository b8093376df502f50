import type { TenantRole } from "@infera/contracts";
import { Button, Card, Col, Input, Row, Segmented, Skeleton, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { ErrorState } from "../../../components/error-state/error-state";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { usePreferences } from "../../../lib/preferences";
import { useMe } from "../../../shared/session";
import { useTenantProjects } from "../../../shared/tenancy";
import { UserMenu } from "../../../shell/user-menu";

/** §4.1.2: pick a tenant, then a project; with one of each the console goes straight in. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { formatDate } = usePreferences();
  const me = useMe();
  const tenants = me.data?.tenants ?? [];
  const [tenantId, setTenantId] = useState<string | undefined>(undefined);
  const current = tenantId ?? (tenants.length === 1 ? tenants[0]?.id : undefined);
  const projects = useTenantProjects(current);
  const [q, setQ] = useState("");
  const [env, setEnv] = useState("all");
  const list = projects.data?.data ?? [];
  const single =
    tenants.length === 1 && list.length === 1 && !projects.data?.next_cursor ? list[0] : undefined;

  useEffect(() => {
    if (single && current)
      navigate(`/t/${encodeURIComponent(current)}/p/${encodeURIComponent(single.id)}/dashboard`, {
        replace: true,
      });
  }, [single, current, navigate]);

  if (me.data?.service_account) {
    const sa = me.data.service_account;
    return <Navigate to={`/t/${sa.tenant_id}/p/${sa.project_id}/dashboard`} replace />;
  }
  const shown = list.filter(
    (p) =>
      (env === "all" || p.env === env) &&
      (!q || p.name.toLowerCase().includes(q.toLowerCase()) || p.id.includes(q)),
  );

  return (
    <main style={{ maxWidth: 1100, margin: "0 auto", padding: 24 }}>
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t("workspace.title")}
        </Typography.Title>
        <UserMenu />
      </Space>
      {me.isError ? <ErrorState error={me.error} onRetry={() => void me.refetch()} /> : null}
      {tenants.length === 0 && me.isSuccess ? <EmptyState title={t("workspace.noTenants")} /> : null}
      <Row gutter={[12, 12]}>
        {tenants.map((tn) => (
          <Col key={tn.id} xs={24} sm={12} lg={8}>
            <Card
              hoverable
              size="small"
              title={tn.name}
              style={tn.id === current ? { borderColor: "#2f54eb" } : undefined}
              onClick={() => setTenantId(tn.id)}
              extra={
                <Button size="small" onClick={() => navigate(`/t/${encodeURIComponent(tn.id)}/overview`)}>
                  {t("workspace.openTenant")}
                </Button>
              }
            >
              {t("workspace.role", { role: tn.role ? t(`roles.tenant.${tn.role as TenantRole}`) : "—" })}
            </Card>
          </Col>
        ))}
      </Row>
      {current ? (
        <section style={{ marginTop: 24 }} aria-label={t("workspace.projects")}>
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t("workspace.projects")}
            </Typography.Title>
            <Input.Search
              allowClear
              aria-label={t("workspace.searchProjects")}
              placeholder={t("workspace.searchProjects")}
              onChange={(e) => setQ(e.target.value.trim())}
              style={{ width: 220 }}
            />
            <Segmented
              aria-label={t("workspace.envFilter")}
              value={env}
              onChange={(v) => setEnv(String(v))}
              options={[
                { value: "all", label: t("workspace.allEnvs") },
                { value: "dev", label: "Dev" },
                { value: "test", label: "Test" },
                { value: "prod", label: "Prod" },
              ]}
            />
          </Space>
          {projects.isPending ? <Skeleton active /> : null}
          {projects.isError ? (
            <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
          ) : null}
          {projects.isSuccess && shown.length === 0 ? (
            <EmptyState
              title={t("workspace.noProjects")}
              actions={
                <Button type="primary" onClick={() => navigate(`/t/${encodeURIComponent(current)}/projects`)}>
                  {t("nav.projects")}
                </Button>
              }
            />
          ) : null}
          <Row gutter={[12, 12]}>
            {shown.map((p) => (
              <Col key={p.id} xs={24} sm={12} lg={8}>
                <Card size="small" title={p.name} extra={<StatusBadge kind="env" value={p.env} />}>
                  <Space orientation="vertical" style={{ width: "100%" }}>
                    <Typography.Text type="secondary">
                      {t("workspace.updated", { time: formatDate(p.updated_at) })}
                    </Typography.Text>
                    <Button
                      type="primary"
                      block
                      onClick={() =>
                        navigate(`/t/${encodeURIComponent(current)}/p/${encodeURIComponent(p.id)}/dashboard`)
                      }
                    >
                      {t("workspace.enterProject")}
                    </Button>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        </section>
      ) : null}
    </main>
  );
}
