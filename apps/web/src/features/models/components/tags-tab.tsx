import type { Model, ModelTag } from "@infera/contracts";
import { Button, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { isOwnModel, useModelTags } from "../api";
import { TagHistory } from "./tag-history";
import type { TagMoveRequest } from "./tag-move-dialog";

/** Tags: where each points, who moved it last, promote / rollback / delete, and its history. */
export function TagsTab({
  model,
  projectId,
  onMove,
  onDelete,
  onOpenVersion,
}: {
  model: Model;
  projectId: string;
  onMove: (r: TagMoveRequest) => void;
  onDelete: (tag: string) => void;
  onOpenVersion: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const tags = useModelTags(model.id);
  const own = isOwnModel(model, projectId);
  if (tags.isError) return <ErrorState error={tags.error} onRetry={() => void tags.refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {own ? (
        <PermissionGuard action="model.tag.update" projectId={projectId}>
          <Button type="primary" onClick={() => onMove({ mode: "promote" })}>
            {t("modelsPage.tags.setTag")}
          </Button>
        </PermissionGuard>
      ) : null}
      <Table<ModelTag>
        size="middle"
        aria-label={t("modelsPage.detail.tags")}
        rowKey="tag"
        loading={tags.isPending}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("modelsPage.tags.empty") }}
        dataSource={tags.data ?? []}
        expandable={{
          expandedRowRender: (row) => <TagHistory modelId={model.id} tag={row.tag} />,
          expandRowByClick: false,
        }}
        columns={[
          {
            key: "tag",
            title: t("modelsPage.tags.tag"),
            render: (_, row) => (
              <Space size={4}>
                <Tag color={row.tag === "prod" ? "red" : row.tag === "latest" ? "blue" : "default"}>
                  {row.tag}
                </Tag>
                {row.protected ? <Tag>{t("modelsPage.tags.protected")}</Tag> : null}
              </Space>
            ),
          },
          {
            key: "version",
            title: t("modelsPage.tags.pointsTo"),
            render: (_, row) => (
              <Space size={4}>
                <IDBadge id={row.version_id} />
                <Button
                  size="small"
                  type="link"
                  aria-label={t("modelsPage.version.viewOf", { id: row.version_id })}
                  onClick={() => onOpenVersion(row.version_id)}
                >
                  {t("modelsPage.version.view")}
                </Button>
              </Space>
            ),
          },
          {
            key: "updated_by",
            title: t("modelsPage.tags.updatedBy"),
            render: (_, row) => (row.updated_by ? <IDBadge id={row.updated_by} /> : "—"),
          },
          {
            key: "updated_at",
            title: t("modelsPage.tags.updatedAt"),
            render: (_, row) => formatDate(row.updated_at),
          },
          {
            key: "actions",
            title: t("common.actions"),
            fixed: "right",
            render: (_, row) =>
              own ? (
                <Space size={4} wrap>
                  <PermissionGuard action="model.tag.update" projectId={projectId} mode="hide">
                    <Button
                      size="small"
                      type="link"
                      aria-label={t("modelsPage.tags.promoteOf", { tag: row.tag })}
                      onClick={() => onMove({ mode: "promote", tag: row.tag })}
                    >
                      {t("modelsPage.tags.promote")}
                    </Button>
                  </PermissionGuard>
                  <PermissionGuard action="model.tag.rollback" projectId={projectId} mode="hide">
                    <Button
                      size="small"
                      type="link"
                      aria-label={t("modelsPage.tags.rollbackOf", { tag: row.tag })}
                      onClick={() => onMove({ mode: "rollback", tag: row.tag })}
                    >
                      {t("modelsPage.tags.rollback")}
                    </Button>
                  </PermissionGuard>
                  <PermissionGuard action="model.tag.delete" projectId={projectId} mode="hide">
                    <Button
                      size="small"
                      type="link"
                      danger
                      aria-label={t("modelsPage.tags.deleteOf", { tag: row.tag })}
                      onClick={() => onDelete(row.tag)}
                    >
                      {t("common.delete")}
                    </Button>
                  </PermissionGuard>
                </Space>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
