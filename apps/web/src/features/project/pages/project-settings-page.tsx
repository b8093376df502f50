import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { usePermissions } from "../../../permissions/use-permissions";
import { useProject } from "../../../shared/tenancy";
import { PageHeader } from "../../../shell/page-header";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { DangerZoneTab } from "../components/danger-zone-tab";
import { EnvPoliciesTab } from "../components/env-policies-tab";
import { MembersTab } from "../components/members-tab";
import { ProjectOverviewTab } from "../components/project-overview-tab";
import { ServiceAccountsTab } from "../components/service-accounts-tab";
import { WebhooksTab } from "../components/webhooks-tab";

const tabs = ["overview", "members", "service-accounts", "webhooks", "policies", "danger"] as const;
type Tab = (typeof tabs)[number];

/** §4.3.2: overview, members, service accounts, webhooks, env policies, danger zone (quotas come with budgets). */
export function ProjectSettingsPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const project = useProject(projectId);
  const permissions = usePermissions(projectId, tenantId);
  const requested = params.get("tab") as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : "overview";
  if (project.isPending) return <PageSkeleton />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  const p = project.data;
  const canSAs = permissions.can("project.service_account.list");
  const canWebhooks = permissions.can("project.webhook.list");
  return (
    <>
      <PageHeader title={t("settings.title", { name: p.name })} />
      <Tabs
        activeKey={active}
        onChange={(k) => setParams(k === "overview" ? {} : { tab: k }, { replace: true })}
        items={[
          { key: "overview", label: t("settings.overview"), children: <ProjectOverviewTab project={p} /> },
          { key: "members", label: t("settings.members"), children: <MembersTab project={p} /> },
          {
            key: "service-accounts",
            label: t("settings.serviceAccounts"),
            disabled: !canSAs.allowed,
            children: canSAs.allowed ? <ServiceAccountsTab project={p} /> : null,
          },
          {
            key: "webhooks",
            label: t("webhooks.tab"),
            disabled: !canWebhooks.allowed,
            children: canWebhooks.allowed ? <WebhooksTab project={p} /> : null,
          },
          { key: "policies", label: t("settings.policies"), children: <EnvPoliciesTab project={p} /> },
          { key: "danger", label: t("settings.danger"), children: <DangerZoneTab project={p} /> },
        ]}
      />
    </>
  );
}
