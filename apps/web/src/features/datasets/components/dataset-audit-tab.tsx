import type { AuditEvent } from "@infera/contracts";
import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { usePreferences } from "../../../lib/preferences";
import { actorText } from "../../audit/components/audit-detail-drawer";
import type { Dataset } from "../types";

/** The dataset's own audit events, each opening its detail (diff) on the project audit page. */
export function DatasetAuditTab({ tenantId, dataset }: { tenantId: string; dataset: Dataset }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const auditPath = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(dataset.project_id)}/audit`;
  const columns: DataTableColumn<AuditEvent>[] = [
    { key: "created_at", title: t("common.createdAt"), render: (e) => formatDate(e.created_at) },
    { key: "action", title: t("datasetsPage.audit.action"), render: (e) => <Tag>{e.action}</Tag> },
    { key: "actor", title: t("datasetsPage.audit.actor"), render: (e) => actorText(e) },
    {
      key: "resource",
      title: t("datasetsPage.audit.resource"),
      render: (e) => (
        <Space size={4}>
          {e.resource_type} <IDBadge id={e.resource_id} />
        </Space>
      ),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (e) => (
        <Link
          to={`${auditPath}?event=${encodeURIComponent(e.id)}`}
          aria-label={t("audit.openEvent", { action: e.action })}
        >
          {t("audit.details")}
        </Link>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <DataTable<AuditEvent>
        ariaLabel={t("datasetsPage.tabs.audit")}
        endpoint={`/api/v1/projects/${encodeURIComponent(dataset.project_id)}/audit-events`}
        queryKey={["audit", "dataset", dataset.id]}
        fixedQuery={{ resource_id: dataset.id }}
        columns={columns}
        rowKey={(e) => e.id}
        exportable={false}
      />
      <Link to={`${auditPath}?action=${encodeURIComponent("dataset.")}`}>{t("datasetsPage.audit.all")}</Link>
    </Space>
  );
}
