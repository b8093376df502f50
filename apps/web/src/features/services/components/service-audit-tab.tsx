import type { AuditEvent, ServiceDetail } from "@infera/contracts";
import { Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { pageQuery } from "../../../components/data-table/data-table-query";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { auditHref } from "../../../lib/audit-link";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { actorText } from "../../../shared/actor-text";

/**
 * The audit events of the service (create, traffic, rollback, start, stop, update) or of one of its
 * revisions (each deploy is audited on the revision it made), each opening its record (diff).
 */
export function ServiceAuditTab({ tenantId, service }: { tenantId: string; service: ServiceDetail }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const [resourceId, setResourceId] = useState(service.id);
  const target = (action: string) => ({ tenantId, projectId: service.project_id, resourceId, action });
  const columns: DataTableColumn<AuditEvent>[] = [
    { key: "created_at", title: t("common.createdAt"), render: (e) => formatDate(e.created_at) },
    { key: "action", title: t("serviceDetail.audit.action"), render: (e) => <Tag>{e.action}</Tag> },
    { key: "actor", title: t("serviceDetail.audit.actor"), render: (e) => actorText(e) },
    {
      key: "resource",
      title: t("serviceDetail.audit.resource"),
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
        <Link to={auditHref(target(e.action), e.id)} aria-label={t("audit.openEvent", { action: e.action })}>
          {t("audit.details")}
        </Link>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <label htmlFor="service-audit-resource">{t("serviceDetail.audit.resource")}</label>
        <Select
          id="service-audit-resource"
          style={{ minWidth: 260 }}
          value={resourceId}
          onChange={setResourceId}
          options={[
            { value: service.id, label: `${service.name} · ${service.id}` },
            ...[...service.revisions]
              .sort((a, b) => b.number - a.number)
              .map((r) => ({
                value: r.id,
                label: `${t("serviceDetail.revisionNumber", { number: r.number })} · ${r.id}`,
              })),
          ]}
        />
      </Space>
      <DataTable<AuditEvent>
        key={resourceId}
        ariaLabel={t("serviceDetail.tabs.audit")}
        list={(q) =>
          api.audit.list({ projectId: service.project_id }, pageQuery(q, { resource_id: resourceId }))
        }
        queryKey={["audit", "service", resourceId]}
        columns={columns}
        rowKey={(e) => e.id}
      />
      <Link to={auditHref(target("service."))}>{t("serviceDetail.audit.all")}</Link>
    </Space>
  );
}
