import { UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Space, Tag } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { datasetKeys } from "../api";
import { DeleteDatasetDialog } from "../components/delete-dialogs";
import type { Dataset } from "../types";

const UploadDatasetWizard = lazy(() => import("../components/upload-dataset-wizard"));

const num = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n.toLocaleString());

/** §4.3.4 datasets list: latest version id, rows, tokens, schema, filters, upload wizard, delete. */
export function DatasetsPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const { formatDate } = usePreferences();
  const [uploading, setUploading] = useState<{ dataset: Pick<Dataset, "id" | "name"> | null } | null>(null);
  const [deleting, setDeleting] = useState<Dataset | null>(null);
  const detail = (d: Pick<Dataset, "id">) =>
    `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(d.id)}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: datasetKeys.all(projectId) });

  const uploadButton = (
    <PermissionGuard action="dataset.create" projectId={projectId}>
      <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading({ dataset: null })}>
        {t("datasetsPage.upload.open")}
      </Button>
    </PermissionGuard>
  );

  const columns: DataTableColumn<Dataset>[] = [
    {
      key: "name",
      title: t("datasetsPage.name"),
      sortable: true,
      render: (d) => <Link to={detail(d)}>{d.name}</Link>,
    },
    {
      key: "latest_version_id",
      title: t("datasetsPage.latestVersion"),
      render: (d) =>
        d.latest_version ? (
          <Space size={4}>
            <Tag>v{d.latest_version.number}</Tag>
            <IDBadge id={d.latest_version.id} label={t("datasetsPage.versionId")} />
          </Space>
        ) : (
          "—"
        ),
    },
    { key: "rows", title: t("datasetsPage.rows"), render: (d) => num(d.latest_version?.rows) },
    {
      key: "tokens",
      title: t("datasetsPage.tokensColumn"),
      render: (d) =>
        d.latest_version?.total_tokens === null || !d.latest_version
          ? "—"
          : `${num(d.latest_version.prompt_tokens)} / ${num(d.latest_version.total_tokens)}`,
    },
    {
      key: "schema",
      title: t("datasetsPage.schemaColumn"),
      render: (d) =>
        d.latest_version ? t("datasetsPage.fieldCount", { count: d.latest_version.schema_fields }) : "—",
    },
    {
      key: "format",
      title: t("datasetsPage.format"),
      render: (d) => (d.format ? <Tag>{d.format}</Tag> : "—"),
    },
    { key: "version_count", title: t("datasetsPage.versions"), render: (d) => num(d.version_count) },
    {
      key: "updated_at",
      title: t("common.updatedAt"),
      sortable: true,
      render: (d) => formatDate(d.updated_at),
    },
    {
      key: "created_at",
      title: t("common.createdAt"),
      sortable: true,
      defaultHidden: true,
      render: (d) => formatDate(d.created_at),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (d) => (
        <Space size={4} wrap>
          <Button
            size="small"
            type="link"
            onClick={() => navigate(detail(d))}
            aria-label={t("datasetsPage.openNamed", { name: d.name })}
          >
            {t("datasetsPage.open")}
          </Button>
          <PermissionGuard action="dataset.version.create" projectId={projectId}>
            <Button
              size="small"
              type="link"
              onClick={() => setUploading({ dataset: d })}
              aria-label={t("datasetsPage.uploadVersionNamed", { name: d.name })}
            >
              {t("datasetsPage.uploadVersion")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="dataset.delete" projectId={projectId}>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setDeleting(d)}
              aria-label={t("datasetsPage.deleteNamed", { name: d.name })}
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
        title={t("nav.datasets")}
        description={t("datasetsPage.description")}
        primary={uploadButton}
      />
      <DataTable<Dataset>
        ariaLabel={t("nav.datasets")}
        list={(q) => api.datasets.list(projectId, pageQuery(q))}
        exportCsv={(q) => api.datasets.exportCsv(projectId, exportQuery(q))}
        exportJson={(q) => api.datasets.exportJson(projectId, exportQuery(q))}
        exportName="datasets"
        queryKey={datasetKeys.all(projectId)}
        columns={columns}
        rowKey={(d) => d.id}
        searchPlaceholder={t("datasetsPage.search")}
        filters={[
          {
            key: "dataset_format",
            label: t("datasetsPage.format"),
            type: "select",
            options: ["chat", "prompt_completion", "text", "preference"].map((f) => ({ value: f, label: f })),
          },
          { key: "rows_min", label: t("datasetsPage.rowsMin"), type: "text" },
          { key: "rows_max", label: t("datasetsPage.rowsMax"), type: "text" },
        ]}
        empty={
          <EmptyState
            title={t("datasetsPage.empty")}
            description={t("datasetsPage.emptyHint")}
            actions={uploadButton}
          />
        }
      />
      {uploading ? (
        <Suspense fallback={null}>
          <UploadDatasetWizard
            tenantId={tenantId}
            projectId={projectId}
            dataset={uploading.dataset}
            onClose={() => {
              setUploading(null);
              void refresh();
            }}
            onCreated={() => void refresh()}
          />
        </Suspense>
      ) : null}
      <DeleteDatasetDialog
        tenantId={tenantId}
        dataset={deleting}
        onCancel={() => setDeleting(null)}
        onDeleted={(d) => {
          setDeleting(null);
          void refresh();
          toast(t("datasetsPage.deleted", { name: d.name }), {
            tenantId,
            projectId,
            resourceId: d.id,
            action: "dataset.delete",
          });
        }}
      />
    </>
  );
}
