import type { Project, Webhook, WebhookDelivery } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Drawer, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";

const COLOR: Record<WebhookDelivery["status"], string> = {
  pending: "processing",
  succeeded: "success",
  failed: "error",
};

/** A webhook's delivery log, newest first: status, attempts, last response, redeliver. */
export function WebhookDeliveriesDrawer({
  webhook,
  project,
  onClose,
}: {
  webhook: Webhook | null;
  project: Project;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const key = ["webhooks", webhook?.id ?? "", "deliveries"] as const;
  const guard = { projectId: project.id, tenantId: project.tenant_id };
  const redeliver = async (d: WebhookDelivery) => {
    const { result, auditEventIds } = await audited((c) => c.webhooks.deliveries.redeliver(d.id));
    toast(t("webhooks.redelivered", { event: d.event_id }), {
      tenantId: project.tenant_id,
      projectId: project.id,
      resourceId: result.id,
      action: "project.webhook.delivery.redeliver",
      eventIds: auditEventIds,
    });
    await queryClient.invalidateQueries({ queryKey: key });
  };
  const columns: DataTableColumn<WebhookDelivery>[] = [
    {
      key: "event_type",
      title: t("webhooks.delivery.event"),
      render: (d) => <Typography.Text code>{d.event_type}</Typography.Text>,
    },
    {
      key: "status",
      title: t("webhooks.delivery.status"),
      render: (d) => <Tag color={COLOR[d.status]}>{t(`webhooks.delivery.${d.status}`)}</Tag>,
    },
    {
      key: "attempts",
      title: t("webhooks.delivery.attempts"),
      render: (d) => `${d.attempts} / ${d.max_attempts}`,
    },
    {
      key: "response_status",
      title: t("webhooks.delivery.response"),
      render: (d) => d.response_status ?? "—",
    },
    {
      key: "error",
      title: t("webhooks.delivery.error"),
      // A delivery whose queue item died (delivery_crashed) gets the reason in the user's language;
      // the server's detail (which tries, which error) stays in the tooltip.
      render: (d) =>
        d.error?.startsWith("delivery_crashed") ? (
          <Tooltip title={d.error}>{t("webhooks.delivery.crashed")}</Tooltip>
        ) : (
          (d.error ?? "")
        ),
    },
    {
      key: "created_at",
      title: t("webhooks.delivery.time"),
      render: (d) => formatDate(d.last_attempt_at ?? d.created_at),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (d) => (
        <PermissionGuard action="project.webhook.delivery.redeliver" {...guard}>
          <Button
            size="small"
            type="link"
            onClick={() => void redeliver(d)}
            aria-label={t("webhooks.redeliverOf", { id: d.id })}
          >
            {t("webhooks.redeliver")}
          </Button>
        </PermissionGuard>
      ),
    },
  ];
  return (
    <Drawer
      open={Boolean(webhook)}
      size="large"
      title={t("webhooks.deliveriesTitle", { url: webhook?.url ?? "" })}
      onClose={onClose}
      destroyOnHidden
    >
      {webhook ? (
        <DataTable<WebhookDelivery>
          ariaLabel={t("webhooks.deliveries")}
          list={(q) => api.webhooks.deliveries.list(webhook.id, pageQuery(q))}
          exportCsv={(q) => api.webhooks.deliveries.exportCsv(webhook.id, exportQuery(q))}
          exportJson={(q) => api.webhooks.deliveries.exportJson(webhook.id, exportQuery(q))}
          exportName="webhook-deliveries"
          queryKey={key}
          columns={columns}
          rowKey={(d) => d.id}
          empty={<Typography.Text type="secondary">{t("webhooks.deliveriesEmpty")}</Typography.Text>}
        />
      ) : null}
    </Drawer>
  );
}
