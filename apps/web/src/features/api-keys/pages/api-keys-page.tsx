import { KeyOutlined } from "@ant-design/icons";
import { API_KEY_SCOPES, type ApiKey, ApiKeyStatus } from "@infera/contracts";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import {
  DataTable,
  type DataTableColumn,
  type DataTableFilter,
} from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { apiKeyKeys, apiKeyPaths } from "../api";
import { KeyPrefix, ScopeChips, useLimitText } from "../components/api-key-cells";
import { KeyActionButtons } from "../components/key-action-buttons";
import { useApiKeyDialogs } from "../components/use-api-key-dialogs";

/** §4.3.8: the project's API keys, filtered and paged on the server; create, edit, rotate, revoke. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const navigate = useNavigate();
  const { formatDate } = usePreferences();
  const limitText = useLimitText();
  const paths = apiKeyPaths(tenantId, projectId);
  const { open, openFor, dialogs } = useApiKeyDialogs({
    tenantId,
    projectId,
    onIssued: (key) => navigate(paths.key(key.id)),
  });
  const createButton = (
    <PermissionGuard action="api_key.create" projectId={projectId}>
      <Button type="primary" icon={<KeyOutlined />} onClick={() => open("create")}>
        {t("apiKeys.create")}
      </Button>
    </PermissionGuard>
  );
  const columns: DataTableColumn<ApiKey>[] = [
    {
      key: "name",
      title: t("apiKeys.col.name"),
      render: (k) => <Link to={paths.key(k.id)}>{k.name}</Link>,
    },
    { key: "prefix", title: t("apiKeys.col.prefix"), render: (k) => <KeyPrefix prefix={k.prefix} /> },
    { key: "scopes", title: t("apiKeys.col.scopes"), render: (k) => <ScopeChips scopes={k.scopes} /> },
    {
      key: "status",
      title: t("apiKeys.col.status"),
      render: (k) => <StatusBadge kind="api_key_status" value={k.status} asTag />,
    },
    { key: "rpm_limit", title: t("apiKeys.col.rpm"), render: (k) => limitText(k.rpm_limit) },
    {
      key: "daily_token_limit",
      title: t("apiKeys.col.dailyTokens"),
      render: (k) => limitText(k.daily_token_limit),
    },
    {
      key: "expires_at",
      title: t("apiKeys.col.expires"),
      render: (k) => (k.expires_at ? formatDate(k.expires_at) : t("apiKeys.never")),
    },
    {
      key: "last_used_at",
      title: t("apiKeys.col.lastUsed"),
      render: (k) => (k.last_used_at ? formatDate(k.last_used_at) : t("apiKeys.neverUsed")),
    },
    {
      key: "created_by",
      title: t("apiKeys.col.createdBy"),
      render: (k) => (k.created_by ? <IDBadge id={k.created_by} /> : "—"),
    },
    { key: "created_at", title: t("apiKeys.col.createdAt"), render: (k) => formatDate(k.created_at) },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (k) => (
        <Space size={0} wrap>
          <KeyActionButtons apiKey={k} size="small" onOpen={(kind) => openFor(kind, k)} />
        </Space>
      ),
    },
  ];
  const filters: DataTableFilter[] = [
    {
      key: "status",
      label: t("apiKeys.filter.status"),
      type: "select",
      options: ApiKeyStatus.options.map((value) => ({ value, label: t(`status.api_key_status.${value}`) })),
    },
    {
      key: "scope",
      label: t("apiKeys.filter.scope"),
      type: "select",
      options: API_KEY_SCOPES.map((value) => ({ value, label: value })),
    },
    {
      key: "expiring",
      label: t("apiKeys.filter.expiring"),
      type: "select",
      options: [{ value: "true", label: t("apiKeys.filter.expiringSoon") }],
    },
  ];
  return (
    <>
      <PageHeader title={t("apiKeys.title")} description={t("apiKeys.description")} primary={createButton} />
      <DataTable<ApiKey>
        ariaLabel={t("apiKeys.title")}
        list={(q) => api.apiKeys.list(projectId, pageQuery(q))}
        exportCsv={(q) => api.apiKeys.exportCsv(projectId, exportQuery(q))}
        exportJson={(q) => api.apiKeys.exportJson(projectId, exportQuery(q))}
        exportName="api-keys"
        queryKey={apiKeyKeys.list(projectId)}
        columns={columns}
        rowKey={(k) => k.id}
        filters={filters}
        searchPlaceholder={t("apiKeys.search")}
        onRowClick={(k) => navigate(paths.key(k.id))}
        empty={
          <EmptyState
            title={t("apiKeys.empty")}
            description={t("apiKeys.emptyHint")}
            actions={createButton}
          />
        }
      />
      {dialogs}
    </>
  );
}
