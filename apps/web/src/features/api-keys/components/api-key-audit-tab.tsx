import type { ApiKey, AuditEvent } from "@infera/contracts";
import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { pageQuery } from "../../../components/data-table/data-table-query";
import { auditHref } from "../../../lib/audit-link";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { actorText } from "../../../shared/actor-text";

/** The key's audit events (create, update, rotate — on the old key — and revoke), each opening its record. */
export function ApiKeyAuditTab({ tenantId, apiKey }: { tenantId: string; apiKey: ApiKey }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const target = (action: string) => ({
    tenantId,
    projectId: apiKey.project_id,
    resourceId: apiKey.id,
    action,
  });
  const columns: DataTableColumn<AuditEvent>[] = [
    { key: "created_at", title: t("common.createdAt"), render: (e) => formatDate(e.created_at) },
    { key: "action", title: t("apiKeys.audit.action"), render: (e) => <Tag>{e.action}</Tag> },
    { key: "actor", title: t("apiKeys.audit.actor"), render: (e) => actorText(e) },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (e) => (
        <Link to={auditHref(target(e.action), e.id)} aria-label={t("audit.openEvent", { action: e.action })}>
          {t("audit.details")}
        </Link>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <DataTable<AuditEvent>
        ariaLabel={t("apiKeys.detail.tabs.audit")}
        list={(q) =>
          api.audit.list({ projectId: apiKey.project_id }, pageQuery(q, { resource_id: apiKey.id }))
        }
        queryKey={["audit", "api_key", apiKey.id]}
        columns={columns}
        rowKey={(e) => e.id}
      />
      <Link to={auditHref(target("api_key."))}>{t("apiKeys.audit.all")}</Link>
    </Space>
  );
}
