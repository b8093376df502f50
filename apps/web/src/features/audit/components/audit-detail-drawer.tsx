import { useQuery } from "@tanstack/react-query";
import { Descriptions, Drawer, Skeleton, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { DiffViewer } from "../../../components/diff-viewer/diff-viewer";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { actorText } from "../../../shared/actor-text";

/** §4.2.7 AuditDetailDrawer: who, from where, on what, and the before/after diff (open by default). */
export function AuditDetailDrawer({ eventId, onClose }: { eventId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const event = useQuery({
    queryKey: ["audit", "event", eventId],
    queryFn: () => api.audit.get(eventId ?? ""),
    enabled: Boolean(eventId),
  });
  const e = event.data;
  return (
    <Drawer
      open={Boolean(eventId)}
      onClose={onClose}
      title={t("audit.detailTitle")}
      size="large"
      destroyOnHidden
      closable={{ "aria-label": t("common.close") }}
    >
      {event.isPending ? <Skeleton active /> : null}
      {event.isError ? <ErrorState error={event.error} onRetry={() => void event.refetch()} /> : null}
      {e ? (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            title={t("audit.basicInfo")}
            items={[
              { key: "time", label: t("audit.time"), children: formatDate(e.created_at) },
              { key: "action", label: t("audit.action"), children: <Tag>{e.action}</Tag> },
              {
                key: "actor",
                label: t("audit.actor"),
                children: (
                  <span>
                    {actorText(e)} <Typography.Text type="secondary">({e.actor_type})</Typography.Text>
                  </span>
                ),
              },
              { key: "ip", label: t("audit.ip"), children: e.ip ?? "—" },
              {
                key: "ua",
                label: t("audit.userAgent"),
                children: (
                  <Typography.Text style={{ wordBreak: "break-all" }}>{e.user_agent ?? "—"}</Typography.Text>
                ),
              },
              {
                key: "request",
                label: t("errors.requestId"),
                children: e.request_id ? <Typography.Text copyable>{e.request_id}</Typography.Text> : "—",
              },
            ]}
          />
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginTop: 16 }}
            title={t("audit.resourceInfo")}
            items={[
              { key: "type", label: t("audit.resourceType"), children: e.resource_type },
              {
                key: "id",
                label: t("audit.resourceId"),
                children: (
                  <Typography.Text copyable={{ text: e.resource_id }}>{e.resource_id}</Typography.Text>
                ),
              },
              {
                key: "project",
                label: t("audit.project"),
                children: e.project_id ? <IDBadge id={e.project_id} /> : "—",
              },
              { key: "seq", label: t("audit.chainSeq"), children: e.chain_seq },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {t("audit.changes")}
          </Typography.Title>
          <DiffViewer before={e.before} after={e.after} />
        </>
      ) : null}
    </Drawer>
  );
}
