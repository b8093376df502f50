import { Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMe } from "../shared/session";
import { useTenantProjects } from "../shared/tenancy";

/** Tenant and project pickers; clearing the project returns to the tenant scope. */
export function WorkspaceSwitcher({ tenantId, projectId }: { tenantId: string; projectId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const projects = useTenantProjects(tenantId);
  return (
    <Space.Compact className="infera-switcher">
      <Select
        aria-label={t("shell.tenant")}
        value={tenantId}
        className="infera-switch-tenant"
        popupMatchSelectWidth={false}
        onChange={(id) => navigate(`/t/${encodeURIComponent(id)}/overview`)}
        options={(me.data?.tenants ?? []).map((tn) => ({ value: tn.id, label: tn.name }))}
        loading={me.isPending}
      />
      <Select
        aria-label={t("shell.project")}
        value={projectId}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t("shell.allProjects")}
        className="infera-switch-project"
        popupMatchSelectWidth={false}
        onChange={(id: string | undefined) =>
          navigate(
            id
              ? `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(id)}/dashboard`
              : `/t/${encodeURIComponent(tenantId)}/overview`,
          )
        }
        options={(projects.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        loading={projects.isPending}
      />
    </Space.Compact>
  );
}
