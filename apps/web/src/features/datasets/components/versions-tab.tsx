import { Button, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { datasetKeys } from "../api";
import type { Dataset, DatasetVersion } from "../types";
import { DeleteVersionDialog } from "./delete-dialogs";

/** §4.3.4 Versions table: id and sha256 with copy, rows, schema, token statistics, delete when unused. */
export function VersionsTab({
  tenantId,
  projectId,
  dataset,
  onOpen,
  onUpload,
  onChanged,
}: {
  tenantId: string;
  projectId: string;
  dataset: Dataset;
  onOpen: (versionId: string) => void;
  onUpload: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const toast = useWriteToast();
  const [deleting, setDeleting] = useState<DatasetVersion | null>(null);
  const columns: DataTableColumn<DatasetVersion>[] = [
    {
      key: "id",
      title: t("datasetsPage.versionId"),
      render: (v) => (
        <Space size={4}>
          <Tag>v{v.number}</Tag>
          <IDBadge id={v.id} label={t("datasetsPage.versionId")} />
          {v.id === dataset.latest_version_id ? <Tag color="blue">latest</Tag> : null}
        </Space>
      ),
    },
    {
      key: "digest",
      title: t("datasetsPage.digest"),
      render: (v) => <IDBadge id={v.digest} label={t("datasetsPage.digest")} />,
    },
    { key: "rows", title: t("datasetsPage.rows"), render: (v) => v.rows.toLocaleString() },
    {
      key: "schema",
      title: t("datasetsPage.schemaColumn"),
      render: (v) => {
        const fields = t("datasetsPage.fieldCount", { count: v.schema.fields.length });
        return (
          <Button
            size="small"
            type="link"
            onClick={() => onOpen(v.id)}
            aria-label={t("datasetsPage.schemaOf", { fields, version: `v${v.number}` })}
          >
            {fields}
          </Button>
        );
      },
    },
    {
      key: "token_stats",
      title: t("datasetsPage.tokensColumn"),
      render: (v) => {
        if (!v.token_stats) return "—";
        const tokens = `${v.token_stats.prompt.sum.toLocaleString()} / ${v.token_stats.total.sum.toLocaleString()}`;
        return (
          <Button
            size="small"
            type="link"
            onClick={() => onOpen(v.id)}
            aria-label={t("datasetsPage.tokensOf", { tokens, version: `v${v.number}` })}
          >
            {tokens}
          </Button>
        );
      },
    },
    {
      key: "kept",
      title: t("datasetsPage.keptColumn"),
      defaultHidden: true,
      render: (v) =>
        v.kept_valid_only ? t("datasetsPage.drawer.keptValidOnly", { dropped: v.dropped_rows }) : "—",
    },
    {
      key: "created_at",
      title: t("common.createdAt"),
      sortable: true,
      render: (v) => formatDate(v.created_at),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (v) => (
        <Space size={4} wrap>
          <Button
            size="small"
            type="link"
            onClick={() => onOpen(v.id)}
            aria-label={t("datasetsPage.detailsOf", { version: `v${v.number}` })}
          >
            {t("datasetsPage.details")}
          </Button>
          <PermissionGuard action="dataset.version.delete" projectId={projectId}>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setDeleting(v)}
              aria-label={t("datasetsPage.deleteVersionOf", { version: `v${v.number}` })}
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
      <DataTable<DatasetVersion>
        ariaLabel={t("datasetsPage.tabs.versions")}
        list={(q) => api.datasets.versions.list(dataset.id, pageQuery(q))}
        exportCsv={(q) => api.datasets.versions.exportCsv(dataset.id, exportQuery(q))}
        exportJson={(q) => api.datasets.versions.exportJson(dataset.id, exportQuery(q))}
        exportName="dataset-versions"
        queryKey={datasetKeys.versions(dataset.id)}
        columns={columns}
        rowKey={(v) => v.id}
        filters={[
          {
            key: "split_role",
            label: t("datasetsPage.splitRole"),
            type: "select",
            options: [
              { value: "train", label: "train" },
              { value: "validation", label: "validation" },
            ],
          },
        ]}
        empty={
          <EmptyState
            title={t("datasetsPage.noVersions")}
            actions={
              <PermissionGuard action="dataset.version.create" projectId={projectId}>
                <Button type="primary" onClick={onUpload}>
                  {t("datasetsPage.uploadVersion")}
                </Button>
              </PermissionGuard>
            }
          />
        }
      />
      <DeleteVersionDialog
        tenantId={tenantId}
        version={deleting}
        onCancel={() => setDeleting(null)}
        onDeleted={(v) => {
          setDeleting(null);
          onChanged();
          toast(t("datasetsPage.versionDeleted", { version: `v${v.number}` }), {
            tenantId,
            projectId,
            resourceId: v.id,
            action: "dataset.version.delete",
          });
        }}
      />
    </>
  );
}
