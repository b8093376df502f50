import { Space, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { PageHeader } from "../../../shell/page-header";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { apiKeyPaths, useApiKey } from "../api";
import { ApiKeyAuditTab } from "../components/api-key-audit-tab";
import { KeyPrefix } from "../components/api-key-cells";
import { ApiKeyOverviewTab } from "../components/api-key-overview-tab";
import { ApiKeyUsageTab } from "../components/api-key-usage-tab";
import { KeyActionButtons } from "../components/key-action-buttons";
import { useApiKeyDialogs } from "../components/use-api-key-dialogs";

const tabs = ["overview", "usage", "audit"] as const;
type Tab = (typeof tabs)[number];

/** Seed 000 §4.3.8 key detail: status and actions (edit, rotate, revoke); Overview, Usage, Audit. */
export function ApiKeyDetailPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "", apiKeyId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const paths = apiKeyPaths(tenantId, projectId);
  const key = useApiKey(apiKeyId);
  // A rotation's new key is a key of its own: once its secret is saved, its page opens.
  const { openFor, dialogs } = useApiKeyDialogs({
    tenantId,
    projectId,
    onIssued: (k) => navigate(paths.key(k.id)),
  });
  const requested = params.get("tab") as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : "overview";
  const setTab = (k: string) => setParams(k === "overview" ? {} : { tab: k }, { replace: true });

  if (key.isPending) return <PageSkeleton />;
  if (key.isError) return <ErrorState error={key.error} onRetry={() => void key.refetch()} />;
  const k = key.data;
  return (
    <>
      <PageHeader
        title={k.name}
        description={
          <Space wrap size={8}>
            <StatusBadge kind="api_key_status" value={k.status} asTag />
            <KeyPrefix prefix={k.prefix} />
            {k.note ? <Typography.Text type="secondary">{k.note}</Typography.Text> : null}
          </Space>
        }
        secondary={
          <Space wrap>
            <KeyActionButtons apiKey={k} onOpen={(kind) => openFor(kind, k)} />
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
            label: t("apiKeys.detail.tabs.overview"),
            children: <ApiKeyOverviewTab apiKey={k} keyHref={paths.key} />,
          },
          {
            key: "usage",
            label: t("apiKeys.detail.tabs.usage"),
            children: <ApiKeyUsageTab tenantId={tenantId} projectId={projectId} keyId={k.id} />,
          },
          {
            key: "audit",
            label: t("apiKeys.detail.tabs.audit"),
            children: <ApiKeyAuditTab tenantId={tenantId} apiKey={k} />,
          },
        ]}
      />
      {dialogs}
    </>
  );
}
