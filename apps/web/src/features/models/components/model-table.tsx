import type { ModelFilter } from "@infera/client";
import type { Model } from "@infera/contracts";
import { Button, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import {
  DataTable,
  type DataTableColumn,
  type DataTableFilter,
} from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { TagChips } from "../../../components/tag-chips/tag-chips";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { isOwnModel, modelKeys, modelPaths } from "../api";
import { formatCount } from "../format";
import { ScopeBadge } from "./model-badges";

/** One tab of the models list (§4.3.3): server-paginated, filtered, exportable. */
export function ModelTable({
  tenantId,
  projectId,
  fixedQuery,
  showScopeFilter,
  empty,
  onUploadVersion,
}: {
  tenantId: string;
  projectId: string;
  fixedQuery?: ModelFilter;
  showScopeFilter?: boolean;
  empty: ReactNode;
  onUploadVersion: (model: Model) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { formatDate } = usePreferences();
  const paths = modelPaths(tenantId, projectId);
  const columns: DataTableColumn<Model>[] = [
    {
      key: "name",
      title: t("modelsPage.col.name"),
      sortable: true,
      render: (m) => <Link to={paths.model(m.id)}>{m.name}</Link>,
    },
    { key: "scope", title: t("modelsPage.col.scope"), render: (m) => <ScopeBadge scope={m.scope} /> },
    {
      key: "visibility",
      title: t("modelsPage.col.visibility"),
      render: (m) => <StatusBadge kind="model_visibility" value={m.visibility} />,
    },
    {
      key: "tags",
      title: t("modelsPage.col.tags"),
      render: (m) => (
        <TagChips
          tags={m.tags.map((p) => ({ tag: p.tag, versionId: p.version_id }))}
          hrefFor={(v) => paths.version(m.id, v)}
        />
      ),
    },
    {
      key: "latest",
      title: t("modelsPage.col.latest"),
      render: (m) => (m.latest_version_id ? <IDBadge id={m.latest_version_id} /> : "—"),
    },
    {
      key: "params_ctx",
      title: t("modelsPage.col.paramsCtx"),
      render: (m) => {
        const v = m.latest_version;
        if (!v) return "—";
        const ctx = v.context_length ? formatCount(v.context_length) : "—";
        return `${formatCount(v.parameter_count)} / ${ctx}`;
      },
    },
    { key: "version_count", title: t("modelsPage.col.versions"), render: (m) => m.version_count },
    {
      key: "license",
      title: t("modelsPage.col.license"),
      defaultHidden: true,
      render: (m) => m.license || "—",
    },
    {
      key: "updated_at",
      title: t("common.updatedAt"),
      sortable: true,
      render: (m) => formatDate(m.updated_at),
    },
    {
      key: "created_at",
      title: t("common.createdAt"),
      sortable: true,
      defaultHidden: true,
      render: (m) => formatDate(m.created_at),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (m) => (
        <Space size={4} wrap>
          <Button
            size="small"
            type="link"
            aria-label={t("modelsPage.detailsOf", { name: m.name })}
            onClick={() => navigate(paths.model(m.id))}
          >
            {t("modelsPage.details")}
          </Button>
          {isOwnModel(m, projectId) ? (
            <>
              <PermissionGuard action="model.tag.update" projectId={projectId} mode="hide">
                <Button
                  size="small"
                  type="link"
                  aria-label={t("modelsPage.manageTagsOf", { name: m.name })}
                  onClick={() => navigate(paths.model(m.id, "tags"))}
                >
                  {t("modelsPage.manageTags")}
                </Button>
              </PermissionGuard>
              <PermissionGuard action="model.version.create" projectId={projectId} mode="hide">
                <Button
                  size="small"
                  type="link"
                  aria-label={t("modelsPage.uploadVersionOf", { name: m.name })}
                  onClick={() => onUploadVersion(m)}
                >
                  {t("modelsPage.uploadVersion")}
                </Button>
              </PermissionGuard>
            </>
          ) : null}
        </Space>
      ),
    },
  ];
  const opt = (values: readonly string[], label: (v: string) => ReactNode) =>
    values.map((value) => ({ value, label: label(value) }));
  const filters: DataTableFilter[] = [
    ...(showScopeFilter
      ? [
          {
            key: "scope",
            label: t("modelsPage.filter.scope"),
            type: "select" as const,
            options: opt(["system", "tenant", "project"], (v) =>
              t(`modelsPage.scope.${v as Model["scope"]}`),
            ),
          },
        ]
      : []),
    {
      key: "visibility",
      label: t("modelsPage.filter.visibility"),
      type: "select",
      options: opt(["private", "tenant_shared", "public"], (v) =>
        t(`status.model_visibility.${v as Model["visibility"]}`),
      ),
    },
    {
      key: "weight_format",
      label: t("modelsPage.filter.format"),
      type: "select",
      options: opt(["safetensors", "gguf", "bin"], (v) => v),
    },
    {
      key: "artifact_type",
      label: t("modelsPage.filter.artifactType"),
      type: "select",
      options: opt(["full", "adapter", "merged"], (v) =>
        t(`status.model_artifact_type.${v as "full" | "adapter" | "merged"}`),
      ),
    },
    { key: "license", label: t("modelsPage.filter.license"), type: "text" },
    { key: "quantization", label: t("modelsPage.filter.quantization"), type: "text" },
  ];
  return (
    <DataTable<Model>
      ariaLabel={t("modelsPage.title")}
      list={(q) => api.models.list(projectId, pageQuery(q, fixedQuery))}
      exportCsv={(q) => api.models.exportCsv(projectId, exportQuery(q, fixedQuery))}
      exportJson={(q) => api.models.exportJson(projectId, exportQuery(q, fixedQuery))}
      exportName="models"
      queryKey={[...modelKeys.list(projectId), fixedQuery ?? {}]}
      columns={columns}
      rowKey={(m) => m.id}
      filters={filters}
      searchPlaceholder={t("modelsPage.search")}
      empty={empty}
    />
  );
}
