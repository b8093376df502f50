import type { Model, ModelVersion } from "@infera/contracts";
import { Button, Collapse, Descriptions, Drawer, Skeleton, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { TrainingMetricsTable } from "../../../components/training-metrics/training-metrics";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { isOwnModel, useModelVersion } from "../api";
import { formatBytes, formatCount } from "../format";

/**
 * The version detail (seed 000 §4.3.3 "Version 详情"): every field with copy, the metadata read from
 * the artifact, files with their sha256 and downloads, lineage, and the version's actions.
 */
export default function VersionDrawer({
  versionId,
  model,
  projectId,
  onClose,
  onPromote,
  onDelete,
}: {
  versionId: string;
  model: Model;
  projectId: string;
  onClose: () => void;
  onPromote: (v: ModelVersion) => void;
  onDelete: (v: ModelVersion) => void;
}) {
  const { t } = useTranslation();
  const version = useModelVersion(versionId);
  const v = version.data;
  return (
    <Drawer
      open
      size="large"
      title={t("modelsPage.version.drawerTitle", { id: versionId })}
      onClose={onClose}
      destroyOnHidden
      extra={
        v && isOwnModel(model, projectId) ? (
          <Space wrap>
            <PermissionGuard action="model.tag.update" projectId={projectId}>
              <Button onClick={() => onPromote(v)}>{t("modelsPage.tags.promote")}</Button>
            </PermissionGuard>
            <PermissionGuard action="model.version.delete" projectId={projectId}>
              <Button danger onClick={() => onDelete(v)}>
                {t("common.delete")}
              </Button>
            </PermissionGuard>
          </Space>
        ) : null
      }
    >
      {version.isPending ? <Skeleton active /> : null}
      {version.isError ? <ErrorState error={version.error} onRetry={() => void version.refetch()} /> : null}
      {v ? <VersionDetails version={v} /> : null}
    </Drawer>
  );
}

function VersionDetails({ version: v }: { version: ModelVersion }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const md = v.metadata;
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <section aria-label={t("modelsPage.version.basics")}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t("modelsPage.version.basics")}
        </Typography.Title>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("modelsPage.version.id")}>
            <IDBadge id={v.id} />
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.digest")}>
            <IDBadge id={v.digest} label={t("modelsPage.version.digest")} />
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.format")}>
            <Space size={4}>
              <Tag data-format={v.format}>{v.format}</Tag>
              {v.formats.length > 1 ? `(${v.formats.join(", ")})` : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.artifactType")}>
            <StatusBadge kind="model_artifact_type" value={v.artifact_type} />
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.size")}>{formatBytes(v.size)}</Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.source")}>
            {t(`modelsPage.source.${v.source}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.tags")}>
            {v.tags.length ? v.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.license")}>{v.license || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.notes")}>{v.notes || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.createdBy")}>
            {v.created_by ? <IDBadge id={v.created_by} /> : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.createdAt")}>
            {formatDate(v.created_at)}
          </Descriptions.Item>
        </Descriptions>
      </section>

      <section aria-label={t("modelsPage.version.detected")}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t("modelsPage.version.detected")}
        </Typography.Title>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t("modelsPage.version.architecture")}>
            {md.architecture ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.parameters")}>
            {md.parameter_count === null ? "—" : `${formatCount(md.parameter_count)} (${md.parameter_count})`}
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.context")}>
            {md.context_length ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.quantization")}>
            {md.quantization ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.dtypes")} span={2}>
            {md.dtypes.length ? md.dtypes.join(", ") : "—"}
          </Descriptions.Item>
        </Descriptions>
      </section>

      <section aria-label={t("modelsPage.version.files")}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t("modelsPage.version.files")}
        </Typography.Title>
        <Table
          size="small"
          aria-label={t("modelsPage.version.files")}
          rowKey="path"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={v.files}
          columns={[
            {
              key: "path",
              title: t("modelsPage.version.path"),
              render: (_, f) => <Typography.Text code>{f.path}</Typography.Text>,
            },
            { key: "kind", title: t("modelsPage.version.kind"), render: (_, f) => f.kind },
            { key: "size", title: t("modelsPage.version.size"), render: (_, f) => formatBytes(f.size) },
            {
              key: "sha256",
              title: t("modelsPage.version.sha256"),
              render: (_, f) => <IDBadge id={f.sha256} label={`sha256 ${f.path}`} />,
            },
            {
              key: "download",
              title: t("modelsPage.version.download"),
              render: (_, f) => (
                <a
                  href={api.models.versions.fileUrl(v.id, f.path)}
                  download
                  aria-label={t("modelsPage.version.downloadOf", { path: f.path })}
                >
                  {t("modelsPage.version.download")}
                </a>
              ),
            },
          ]}
        />
      </section>

      <section aria-label={t("modelsPage.version.lineage")}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t("modelsPage.version.lineage")}
        </Typography.Title>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("modelsPage.version.base")}>
            {v.base_model_version_id ? <IDBadge id={v.base_model_version_id} /> : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("modelsPage.version.sourceJob")}>
            {v.source_job_id ? <IDBadge id={v.source_job_id} /> : "—"}
          </Descriptions.Item>
          {v.source_dataset_version_id ? (
            <Descriptions.Item label={t("modelsPage.version.sourceDataset")}>
              <IDBadge id={v.source_dataset_version_id} />
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </section>

      {v.training_metrics ? (
        <section aria-label={t("fineTuningPage.overview.results")}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t("fineTuningPage.overview.results")}
          </Typography.Title>
          <TrainingMetricsTable metrics={v.training_metrics} />
        </section>
      ) : null}

      <Collapse
        items={[
          ...(md.chat_template
            ? [
                {
                  key: "chat",
                  label: t("modelsPage.version.chatTemplate"),
                  children: <pre style={{ whiteSpace: "pre-wrap", margin: 0 }}>{md.chat_template}</pre>,
                },
              ]
            : []),
          {
            key: "json",
            label: t("modelsPage.version.metadataJson"),
            children: (
              <pre style={{ whiteSpace: "pre-wrap", margin: 0, maxHeight: 360, overflow: "auto" }}>
                {JSON.stringify(md, null, 2)}
              </pre>
            ),
          },
        ]}
      />
    </Space>
  );
}
