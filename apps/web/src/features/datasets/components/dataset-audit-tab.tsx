import type { AuditEvent } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { pageQuery } from "../../../components/data-table/data-table-query";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { actorText } from "../../../shared/actor-text";
import { datasetKeys, listVersions } from "../api";
import type { Dataset } from "../types";

/**
 * The audit events of the dataset or of one of its versions (each is its own audit resource), each
 * opening its detail (diff) on the project audit page.
 */
export function DatasetAuditTab({ tenantId, dataset }: { tenantId: string; dataset: Dataset }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const [resourceId, setResourceId] = useState(dataset.id);
  const versions = useQuery({
    queryKey: [...datasetKeys.versions(dataset.id), "pick"],
    queryFn: () => listVersions(dataset.id),
  });
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
      <Space wrap>
        <label htmlFor="dataset-audit-resource">{t("datasetsPage.audit.resource")}</label>
        <Select
          id="dataset-audit-resource"
          style={{ minWidth: 260 }}
          value={resourceId}
          onChange={setResourceId}
          options={[
            { value: dataset.id, label: `${dataset.name} · ${dataset.id}` },
            ...(versions.data?.data ?? []).map((v) => ({ value: v.id, label: `v${v.number} · ${v.id}` })),
          ]}
        />
      </Space>
      <DataTable<AuditEvent>
        key={resourceId}
        ariaLabel={t("datasetsPage.tabs.audit")}
        list={(q) =>
          api.audit.list({ projectId: dataset.project_id }, pageQuery(q, { resource_id: resourceId }))
        }
        queryKey={["audit", "dataset", resourceId]}
        columns={columns}
        rowKey={(e) => e.id}
      />
      <Link to={`${auditPath}?action=${encodeURIComponent("dataset.")}`}>{t("datasetsPage.audit.all")}</Link>
    </Space>
  );
}
