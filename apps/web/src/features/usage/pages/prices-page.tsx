import { PlusOutlined } from "@ant-design/icons";
import type { Price, Tenant } from "@infera/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { usePermissions } from "../../../permissions/use-permissions";
import { useTenant } from "../../../shared/tenancy";
import { PageHeader } from "../../../shell/page-header";
import { usageKeys } from "../api";
import { PriceDialog } from "../components/price-dialog";

/** The tenant's currency once the tenant carries one (the price table's), else null. */
function tenantCurrency(tenant: Tenant | undefined): string | null {
  const value = tenant && "currency" in tenant ? (tenant as { currency?: unknown }).currency : undefined;
  return typeof value === "string" ? value : null;
}

/**
 * The tenant's price table (issue 12): what the usage report's cost estimates are made from. A
 * model version is priced per million prompt and completion tokens, a resource class per hour of a
 * replica, all in the tenant's currency. Tenant admins add, change and remove prices; everyone else
 * sees the table and why the buttons are locked.
 */
export function PricesPage() {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams();
  const { formatDate } = usePreferences();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const permissions = usePermissions(null, tenantId);
  const canSet = permissions.can("price.set");
  const tenant = useTenant(tenantId);
  // The first row says the table's currency when the tenant does not (every row shares it).
  const first = useQuery({
    queryKey: [...usageKeys.prices(tenantId), "first"],
    queryFn: () => api.usage.listPrices(tenantId, { limit: 1 }),
  });
  const currency = tenantCurrency(tenant.data) ?? first.data?.data[0]?.currency ?? null;
  const [editing, setEditing] = useState<Price | "new" | null>(null);
  const [deleting, setDeleting] = useState<Price | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: usageKeys.prices(tenantId) });
  const amount = (v: number | null, c: string) => (v === null ? "—" : `${v} ${c}`);

  const columns: DataTableColumn<Price>[] = [
    {
      key: "subject",
      title: t("pricesPage.subject"),
      render: (p) => (
        <Space size={4} wrap>
          <Typography.Text strong>{p.subject_label}</Typography.Text>
          <Tag>{t(`pricesPage.kinds.${p.subject_kind}`)}</Tag>
        </Space>
      ),
    },
    {
      key: "subject_id",
      title: t("pricesPage.subjectId"),
      render: (p) => <Typography.Text code>{p.subject_id}</Typography.Text>,
      defaultHidden: true,
    },
    {
      key: "input_per_million",
      title: t("pricesPage.inputPerMillion"),
      render: (p) => amount(p.input_per_million, p.currency),
    },
    {
      key: "output_per_million",
      title: t("pricesPage.outputPerMillion"),
      render: (p) => amount(p.output_per_million, p.currency),
    },
    { key: "per_hour", title: t("pricesPage.perHour"), render: (p) => amount(p.per_hour, p.currency) },
    { key: "updated_at", title: t("common.updatedAt"), render: (p) => formatDate(p.updated_at) },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (p) => (
        <Space size={4}>
          <PermissionGuard action="price.set" tenantId={tenantId}>
            <Button
              size="small"
              aria-label={t("pricesPage.editOf", { subject: p.subject_label })}
              onClick={() => setEditing(p)}
            >
              {t("common.edit")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="price.delete" tenantId={tenantId}>
            <Button
              size="small"
              danger
              aria-label={t("pricesPage.deleteOf", { subject: p.subject_label })}
              onClick={() => setDeleting(p)}
            >
              {t("common.delete")}
            </Button>
          </PermissionGuard>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("pricesPage.title")}
        description={t("pricesPage.description")}
        primary={
          <PermissionGuard action="price.set" tenantId={tenantId}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
              {t("pricesPage.add")}
            </Button>
          </PermissionGuard>
        }
      />
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Alert
          type="info"
          showIcon
          title={currency ? t("pricesPage.currencyIs", { currency }) : t("pricesPage.currencyOfTenant")}
          description={t("pricesPage.howEstimated")}
        />
        {!canSet.allowed && !permissions.isLoading ? (
          <Alert type="warning" showIcon title={canSet.reason ?? t("pricesPage.adminsOnly")} />
        ) : null}
        <DataTable<Price>
          ariaLabel={t("pricesPage.title")}
          queryKey={usageKeys.prices(tenantId)}
          list={(q) => api.usage.listPrices(tenantId, { cursor: q.cursor, limit: q.limit })}
          columns={columns}
          rowKey={(p) => p.id}
          empty={<Typography.Text type="secondary">{t("pricesPage.empty")}</Typography.Text>}
        />
      </Space>
      <PriceDialog
        tenantId={tenantId}
        open={editing !== null}
        price={editing === "new" ? null : editing}
        currency={currency}
        onClose={() => setEditing(null)}
        onSaved={(price, auditEventIds) => {
          setEditing(null);
          void refresh();
          toast(t("pricesPage.saved", { subject: price.subject_label }), {
            tenantId,
            resourceId: price.id,
            action: "price.set",
            eventIds: auditEventIds,
          });
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        danger
        title={t("pricesPage.deleteTitle", { subject: deleting?.subject_label ?? "" })}
        confirmText={t("common.delete")}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          const { auditEventIds } = await audited((c) => c.usage.deletePrice(deleting.id));
          toast(t("pricesPage.deleted", { subject: deleting.subject_label }), {
            tenantId,
            resourceId: deleting.id,
            action: "price.delete",
            eventIds: auditEventIds,
          });
          setDeleting(null);
          void refresh();
        }}
      >
        {t("pricesPage.deleteBody")}
      </ConfirmDialog>
    </>
  );
}
