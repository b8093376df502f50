import { useQuery } from "@tanstack/react-query";
import { Card, List, Skeleton, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorState } from "../components/error-state/error-state";
import { api } from "../lib/client";
import { usePreferences } from "../lib/preferences";
import { actorText } from "./actor-text";

/** The newest audit events of a tenant or project, each linking to its detail on the audit page. */
export function RecentAuditEvents({
  tenantId,
  projectId,
  auditPath,
}: {
  tenantId: string;
  projectId?: string;
  auditPath: string;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const scope = projectId ? { projectId } : { tenantId };
  const events = useQuery({
    queryKey: ["audit", "recent", scope],
    queryFn: () => api.audit.list(scope, { limit: 5 }),
  });
  return (
    <Card
      size="small"
      title={t("overview.recentAudit")}
      extra={<Link to={auditPath}>{t("overview.viewAll")}</Link>}
    >
      {events.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {events.isError ? <ErrorState error={events.error} onRetry={() => void events.refetch()} /> : null}
      {events.data ? (
        <List
          size="small"
          aria-label={t("overview.recentAudit")}
          locale={{ emptyText: t("audit.empty") }}
          dataSource={events.data.data}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Link
                  key="open"
                  to={`${auditPath}?event=${encodeURIComponent(e.id)}`}
                  aria-label={t("audit.openEvent", { action: e.action })}
                >
                  {t("audit.details")}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={<Tag>{e.action}</Tag>}
                description={
                  <Typography.Text type="secondary">
                    {formatDate(e.created_at)} · {actorText(e)} · {e.resource_type}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
