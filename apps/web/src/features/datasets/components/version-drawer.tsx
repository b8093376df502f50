import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Descriptions, Drawer, Skeleton, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { datasetKeys, getVersion } from "../api";
import { mappingText } from "../shape-fields";
import { SchemaCard } from "./schema-card";
import { TokenStatsCards } from "./token-stats-cards";
import { UsageList } from "./usage-list";

const bytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

/** Version detail (§4.3.4): every field with copy, files, schema, token statistics and usage. */
export default function VersionDrawer({
  versionId,
  projectId,
  onClose,
}: {
  versionId: string;
  projectId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const version = useQuery({
    queryKey: datasetKeys.version(versionId),
    queryFn: () => getVersion(versionId),
  });
  const v = version.data;
  const title = v ? t("datasetsPage.drawer.title", { number: v.number }) : t("datasetsPage.drawer.loading");
  const section = (label: string) => (
    <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
      {label}
    </Typography.Title>
  );
  return (
    <Drawer open title={title} size="large" onClose={onClose} destroyOnHidden>
      {version.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {version.isError ? <ErrorState error={version.error} onRetry={() => void version.refetch()} /> : null}
      {v ? (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            aria-label={t("datasetsPage.drawer.fields")}
            items={[
              {
                key: "id",
                label: t("datasetsPage.versionId"),
                children: <IDBadge id={v.id} label={t("datasetsPage.versionId")} />,
              },
              {
                key: "digest",
                label: t("datasetsPage.digest"),
                children: <IDBadge id={v.digest} label={t("datasetsPage.digest")} />,
              },
              { key: "dataset", label: t("datasetsPage.datasetId"), children: <IDBadge id={v.dataset_id} /> },
              { key: "format", label: t("datasetsPage.format"), children: <Tag>{v.format}</Tag> },
              {
                key: "shape",
                label: t("datasetsPage.formats.shape"),
                children: (
                  <Space wrap>
                    <Tag>{v.shape}</Tag>
                    {t(`datasetsPage.formats.shapes.${v.shape}`)}
                  </Space>
                ),
              },
              {
                key: "mapping",
                label: t("datasetsPage.formats.mapping"),
                children: v.mapping ? mappingText(v.mapping) : t("datasetsPage.formats.noMapping"),
              },
              { key: "rows", label: t("datasetsPage.rows"), children: v.rows.toLocaleString() },
              { key: "size", label: t("datasetsPage.size"), children: bytes(v.size) },
              {
                key: "validation",
                label: t("datasetsPage.drawer.validation"),
                children: (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {t("datasetsPage.drawer.validationCounts", {
                        total: v.validation.total,
                        valid: v.validation.valid,
                        invalid: v.validation.invalid,
                        blank: v.validation.blank,
                      })}
                    </span>
                    {v.kept_valid_only ? (
                      <Typography.Text type="warning">
                        {t("datasetsPage.drawer.keptValidOnly", { dropped: v.dropped_rows })}
                      </Typography.Text>
                    ) : null}
                    {v.report_href ? (
                      <PermissionGuard action="dataset.version.report" projectId={projectId} mode="hide">
                        <Button size="small" type="link" href={v.report_href} download style={{ padding: 0 }}>
                          {t("datasetsPage.errors.download")}
                        </Button>
                      </PermissionGuard>
                    ) : null}
                  </Space>
                ),
              },
              {
                key: "lineage",
                label: t("datasetsPage.drawer.lineage"),
                children: v.parent_version_id ? (
                  <Space wrap>
                    {v.split_role ? <Tag>{v.split_role}</Tag> : null}
                    {t("datasetsPage.drawer.derivedFrom")} <IDBadge id={v.parent_version_id} />
                  </Space>
                ) : (
                  t("datasetsPage.drawer.uploaded")
                ),
              },
              {
                key: "base",
                label: t("datasetsPage.drawer.baseModelVersion"),
                children: v.base_model_version_id ? <IDBadge id={v.base_model_version_id} /> : "—",
              },
              { key: "created", label: t("common.createdAt"), children: formatDate(v.created_at) },
              { key: "by", label: t("datasetsPage.drawer.createdBy"), children: v.created_by ?? "—" },
            ]}
          />
          {section(t("datasetsPage.drawer.files"))}
          <PermissionGuard action="dataset.version.download" projectId={projectId} mode="hide">
            <Button
              icon={<DownloadOutlined />}
              href={api.datasets.versions.normalizedUrl(v.id)}
              download
              style={{ marginBottom: 8 }}
            >
              {t("datasetsPage.drawer.downloadNormalized")}
            </Button>
          </PermissionGuard>
          <Table
            size="small"
            aria-label={t("datasetsPage.drawer.files")}
            rowKey="name"
            pagination={false}
            dataSource={v.files}
            scroll={{ x: "max-content" }}
            columns={[
              { key: "name", title: t("common.name"), render: (_, f) => f.name },
              { key: "sha256", title: "sha256", render: (_, f) => <IDBadge id={f.sha256} label="sha256" /> },
              { key: "size", title: t("datasetsPage.size"), render: (_, f) => bytes(f.size) },
              {
                key: "container",
                title: t("datasetsPage.formats.container"),
                render: (_, f) => <Tag>{t(`datasetsPage.formats.containers.${f.container}`)}</Tag>,
              },
              {
                key: "lines",
                title: t("datasetsPage.drawer.lines"),
                render: (_, f) => f.lines.toLocaleString(),
              },
              {
                key: "download",
                title: t("common.actions"),
                render: (_, f) => (
                  <PermissionGuard action="dataset.version.download" projectId={projectId} mode="hide">
                    <Button
                      size="small"
                      type="link"
                      icon={<DownloadOutlined />}
                      href={api.datasets.versions.fileUrl(v.id, f.name)}
                      download
                      aria-label={t("datasetsPage.drawer.downloadFile", { name: f.name })}
                    />
                  </PermissionGuard>
                ),
              },
            ]}
          />

          {section(t("datasetsPage.tokens.title"))}
          <TokenStatsCards stats={v.token_stats} />
          {section(t("datasetsPage.schema.title"))}
          <SchemaCard schema={v.schema} />
          {section(t("datasetsPage.usage.title"))}
          <UsageList of={{ versionId: v.id }} queryKey={datasetKeys.usage(v.id)} />
        </>
      ) : null}
    </Drawer>
  );
}
