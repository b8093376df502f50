import { useQuery } from "@tanstack/react-query";
import { Alert, Select, Skeleton, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { ErrorState } from "../../../components/error-state/error-state";
import { datasetKeys, getPreview, listVersions } from "../api";
import type { Dataset } from "../types";
import { jsonStyle } from "./schema-card";

/**
 * The first rows of a version as uploaded (after its column mapping) and as the trainer reads them;
 * a role that may not read content (Finance) sees locations only.
 */
export function PreviewTab({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | null>(null);
  const versionId = picked ?? dataset.latest_version_id;
  const versions = useQuery({
    queryKey: [...datasetKeys.versions(dataset.id), "pick"],
    queryFn: () => listVersions(dataset.id),
  });
  const preview = useQuery({
    queryKey: datasetKeys.preview(versionId ?? ""),
    queryFn: () => getPreview(versionId ?? ""),
    enabled: Boolean(versionId),
  });
  if (!versionId) return <EmptyState title={t("datasetsPage.noVersions")} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <label htmlFor="dataset-preview-version">{t("datasetsPage.preview.version")}</label>
        <Select
          id="dataset-preview-version"
          style={{ minWidth: 200 }}
          value={versionId}
          onChange={setPicked}
          loading={versions.isPending}
          options={(
            versions.data?.data ?? [{ id: versionId, number: dataset.latest_version?.number ?? 0 }]
          ).map((v) => ({ value: v.id, label: `v${v.number} · ${v.id}` }))}
        />
      </Space>
      {preview.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {preview.isError ? <ErrorState error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {preview.data?.masked ? <Alert type="info" showIcon title={t("datasetsPage.preview.masked")} /> : null}
      {preview.data ? (
        <Table
          size="small"
          aria-label={t("datasetsPage.tabs.preview")}
          rowKey="line"
          pagination={false}
          dataSource={preview.data.rows}
          scroll={{ x: "max-content" }}
          columns={[
            { key: "line", title: t("datasetsPage.errors.line"), width: 80, render: (_, r) => r.line },
            {
              key: "file",
              title: t("datasetsPage.preview.file"),
              render: (_, r) => `${r.file_name ?? "—"}:${r.file_line}`,
            },
            {
              key: "value",
              title: t("datasetsPage.preview.record"),
              render: (_, r) =>
                r.value === null ? (
                  <Typography.Text type="secondary">{t("datasetsPage.preview.hidden")}</Typography.Text>
                ) : (
                  <pre style={{ ...jsonStyle, maxWidth: 520 }}>{JSON.stringify(r.value, null, 2)}</pre>
                ),
            },
            {
              key: "normalized",
              title: t("datasetsPage.formats.normalized"),
              render: (_, r) =>
                r.normalized === null ? (
                  <Typography.Text type="secondary">{t("datasetsPage.preview.hidden")}</Typography.Text>
                ) : (
                  <pre style={{ ...jsonStyle, maxWidth: 520 }}>{JSON.stringify(r.normalized, null, 2)}</pre>
                ),
            },
          ]}
        />
      ) : null}
    </Space>
  );
}
