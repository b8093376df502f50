import type { ServiceRevision } from "@infera/contracts";
import { Button, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { serviceKeys } from "../api";

/** Revisions & Traffic: every revision (newest first) with its hash, state and share, and the traffic writes. */
export function ServiceRevisionsTab({
  serviceId,
  projectId,
  onEditTraffic,
  onRollback,
  onDeploy,
}: {
  serviceId: string;
  projectId: string;
  onEditTraffic: () => void;
  onRollback: () => void;
  onDeploy: () => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const columns: DataTableColumn<ServiceRevision>[] = [
    {
      key: "number",
      title: t("serviceDetail.col.revision"),
      alwaysVisible: true,
      render: (r) => (
        <Space size={4}>
          {t("serviceDetail.revisionNumber", { number: r.number })}
          <IDBadge id={r.id} />
        </Space>
      ),
    },
    {
      key: "config_hash",
      title: t("serviceDetail.col.configHash"),
      render: (r) => <IDBadge id={r.config_hash} label={t("serviceDetail.col.configHash")} />,
    },
    {
      key: "model_version_id",
      title: t("serviceDetail.overview.version"),
      render: (r) => <IDBadge id={r.model_version_id} />,
    },
    { key: "runtime", title: t("serviceDetail.overview.runtime"), render: (r) => r.runtime },
    {
      key: "state",
      title: t("serviceDetail.col.state"),
      render: (r) => (
        <Space orientation="vertical" size={0}>
          <StatusBadge kind="service_current_state" value={r.current_state} />
          {r.failure_reason ? <Typography.Text type="danger">{r.failure_reason}</Typography.Text> : null}
          {r.current_state === "pending" && r.wait_reason ? (
            <Typography.Text type="secondary">{r.wait_reason}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { key: "traffic", title: t("serviceDetail.col.traffic"), render: (r) => `${r.traffic_percent}%` },
    { key: "created_at", title: t("common.createdAt"), render: (r) => formatDate(r.created_at) },
  ];
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <PermissionGuard action="service.traffic.update" projectId={projectId} mode="hide">
          <Button type="primary" onClick={onEditTraffic}>
            {t("serviceDetail.actions.editTraffic")}
          </Button>
        </PermissionGuard>
        <PermissionGuard action="service.rollback" projectId={projectId} mode="hide">
          <Button onClick={onRollback}>{t("serviceDetail.actions.rollback")}</Button>
        </PermissionGuard>
        <PermissionGuard action="service.revision.deploy" projectId={projectId} mode="hide">
          <Button onClick={onDeploy}>{t("serviceDetail.actions.deploy")}</Button>
        </PermissionGuard>
      </Space>
      <DataTable<ServiceRevision>
        ariaLabel={t("serviceDetail.revisions.title")}
        list={(q) => api.services.revisions.list(serviceId, pageQuery(q))}
        exportCsv={(q) => api.services.revisions.exportCsv(serviceId, exportQuery(q))}
        exportName="service-revisions"
        queryKey={serviceKeys.revisions(serviceId)}
        columns={columns}
        rowKey={(r) => r.id}
      />
    </Space>
  );
}
