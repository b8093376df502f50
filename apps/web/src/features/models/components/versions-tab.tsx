import type { Model, ModelVersion } from "@infera/contracts";
import { Button, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { isOwnModel, modelKeys } from "../api";
import { formatBytes } from "../format";

/** The Versions tab: every immutable version with its ids, format, digest and actions. */
export function VersionsTab({
  model,
  projectId,
  onOpen,
  onPromote,
  onDelete,
}: {
  model: Model;
  projectId: string;
  onOpen: (versionId: string) => void;
  onPromote: (v: ModelVersion) => void;
  onDelete: (v: ModelVersion) => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const own = isOwnModel(model, projectId);
  const columns: DataTableColumn<ModelVersion>[] = [
    { key: "id", title: t("modelsPage.version.id"), render: (v) => <IDBadge id={v.id} /> },
    {
      key: "artifact_type",
      title: t("modelsPage.version.artifactType"),
      render: (v) => <StatusBadge kind="model_artifact_type" value={v.artifact_type} />,
    },
    { key: "format", title: t("modelsPage.version.format"), render: (v) => v.format },
    {
      key: "digest",
      title: t("modelsPage.version.digest"),
      render: (v) => <IDBadge id={v.digest} label={t("modelsPage.version.digest")} />,
    },
    { key: "size", title: t("modelsPage.version.size"), render: (v) => formatBytes(v.size) },
    {
      key: "source",
      title: t("modelsPage.version.source"),
      render: (v) => t(`modelsPage.source.${v.source}`),
    },
    {
      key: "base",
      title: t("modelsPage.version.base"),
      render: (v) => (v.base_model_version_id ? <IDBadge id={v.base_model_version_id} /> : "—"),
    },
    {
      key: "tags",
      title: t("modelsPage.version.tags"),
      render: (v) => (v.tags.length ? v.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : "—"),
    },
    {
      key: "created_at",
      title: t("modelsPage.version.createdAt"),
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
            aria-label={t("modelsPage.version.viewOf", { id: v.id })}
            onClick={() => onOpen(v.id)}
          >
            {t("modelsPage.version.view")}
          </Button>
          {own ? (
            <>
              <PermissionGuard action="model.tag.update" projectId={projectId} mode="hide">
                <Button
                  size="small"
                  type="link"
                  aria-label={t("modelsPage.version.promoteOf", { id: v.id })}
                  onClick={() => onPromote(v)}
                >
                  {t("modelsPage.tags.promote")}
                </Button>
              </PermissionGuard>
              <PermissionGuard action="model.version.delete" projectId={projectId} mode="hide">
                <Button
                  size="small"
                  type="link"
                  danger
                  aria-label={t("modelsPage.version.deleteOf", { id: v.id })}
                  onClick={() => onDelete(v)}
                >
                  {t("common.delete")}
                </Button>
              </PermissionGuard>
            </>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <DataTable<ModelVersion>
      ariaLabel={t("modelsPage.detail.versions")}
      list={(q) => api.models.versions.list(model.id, pageQuery(q))}
      exportCsv={(q) => api.models.versions.exportCsv(model.id, exportQuery(q))}
      exportJson={(q) => api.models.versions.exportJson(model.id, exportQuery(q))}
      exportName="model-versions"
      queryKey={modelKeys.versions(model.id)}
      columns={columns}
      rowKey={(v) => v.id}
      filters={[
        {
          key: "artifact_type",
          label: t("modelsPage.filter.artifactType"),
          type: "select",
          options: (["full", "adapter", "merged"] as const).map((a) => ({
            value: a,
            label: t(`status.model_artifact_type.${a}`),
          })),
        },
        {
          key: "weight_format",
          label: t("modelsPage.filter.format"),
          type: "select",
          options: ["safetensors", "gguf", "bin"].map((f) => ({ value: f, label: f })),
        },
        {
          key: "source",
          label: t("modelsPage.filter.source"),
          type: "select",
          options: (["upload", "fine_tune", "system", "import"] as const).map((s) => ({
            value: s,
            label: t(`modelsPage.source.${s}`),
          })),
        },
      ]}
      empty={<EmptyState title={t("modelsPage.version.empty")} />}
    />
  );
}
