import type { Model } from "@infera/contracts";
import { Card, Descriptions, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { usePreferences } from "../../../lib/preferences";
import { useRecentVersions } from "../api";
import { formatBytes, formatCount } from "../format";

/** Overview: the model's ids and owner, and a summary of its three newest versions. */
export function OverviewTab({ model, onOpenVersion }: { model: Model; onOpenVersion: (id: string) => void }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const recent = useRecentVersions(model.id, 3);
  const latest = recent.data?.data[0];
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t("modelsPage.detail.modelId")}>
          <IDBadge id={model.id} />
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.detail.ownerType")}>
          <StatusBadge kind="model_owner_type" value={model.owner_type} />
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.detail.ownerId")}>
          {model.owner_id ? <IDBadge id={model.owner_id} /> : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.detail.project")}>
          {model.project_id ? <IDBadge id={model.project_id} /> : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.col.visibility")}>
          <StatusBadge kind="model_visibility" value={model.visibility} />
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.detail.license")}>{model.license || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.detail.source")}>{model.source || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("common.updatedAt")}>{formatDate(model.updated_at)}</Descriptions.Item>
        <Descriptions.Item label={t("common.description")} span={2}>
          {model.description || "—"}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t("modelsPage.detail.recentVersions")}>
        {recent.isError ? <ErrorState error={recent.error} onRetry={() => void recent.refetch()} /> : null}
        <List
          size="small"
          loading={recent.isPending}
          aria-label={t("modelsPage.detail.recentVersions")}
          locale={{ emptyText: t("modelsPage.detail.noVersions") }}
          dataSource={recent.data?.data ?? []}
          renderItem={(v) => (
            <List.Item
              actions={[
                <a
                  key="open"
                  href={`?tab=versions&version=${encodeURIComponent(v.id)}`}
                  aria-label={t("modelsPage.version.viewOf", { id: v.id })}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpenVersion(v.id);
                  }}
                >
                  {t("modelsPage.version.view")}
                </a>,
              ]}
            >
              <Space wrap>
                <IDBadge id={v.id} />
                <Tag>{v.format}</Tag>
                <StatusBadge kind="model_artifact_type" value={v.artifact_type} />
                <Typography.Text type="secondary">{formatBytes(v.size)}</Typography.Text>
                <Typography.Text type="secondary">{formatDate(v.created_at)}</Typography.Text>
                {v.tags.map((tag) => (
                  <Tag key={tag} color="blue">
                    {tag}
                  </Tag>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {latest ? (
        <Card size="small" title={t("modelsPage.detail.latestMetadata")}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t("modelsPage.version.architecture")}>
              {latest.metadata.architecture ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("modelsPage.version.parameters")}>
              {formatCount(latest.metadata.parameter_count)}
            </Descriptions.Item>
            <Descriptions.Item label={t("modelsPage.version.context")}>
              {latest.metadata.context_length ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("modelsPage.version.quantization")}>
              {latest.metadata.quantization ?? "—"}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
    </Space>
  );
}
