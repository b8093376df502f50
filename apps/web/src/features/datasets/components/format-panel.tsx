import { ReloadOutlined } from "@ant-design/icons";
import { DatasetShape as Shapes } from "@infera/contracts";
import { Alert, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { MappingRow } from "../shape-fields";
import type { DatasetShape, DatasetValidation } from "../types";
import { MappingEditor } from "./mapping-editor";
import { jsonStyle } from "./schema-card";

type PreviewRow = DatasetValidation["preview"][number];

/**
 * The wizard's format step (issue 14): how the dry run read the files (each file's container, the
 * records' shape and the internal form it maps onto), the first records as mapped and as the
 * trainer will read them, and the controls to read them otherwise: the shape and the column mapping
 * (target field ← a column found in the files). A change is applied by validating again.
 */
export function FormatPanel({
  report,
  shape,
  onShape,
  rows,
  onRows,
  dirty,
  validating,
  onValidate,
}: {
  report: DatasetValidation;
  /** The shape asked for; null: the dataset's saved shape, else detected. */
  shape: DatasetShape | null;
  onShape: (shape: DatasetShape | null) => void;
  rows: MappingRow[];
  onRows: (rows: MappingRow[]) => void;
  /** The shape or mapping differs from what the report was made with. */
  dirty: boolean;
  validating: boolean;
  onValidate: () => void;
}) {
  const { t } = useTranslation();
  const shapeName = (s: DatasetShape) => t(`datasetsPage.formats.shapes.${s}`);
  return (
    <Card size="small" title={t("datasetsPage.formats.title")}>
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        {report.shape ? (
          <Alert
            type="info"
            showIcon
            title={t("datasetsPage.formats.recognized", {
              shape: shapeName(report.shape),
              format: report.format ?? "—",
            })}
          />
        ) : (
          <Alert type="warning" showIcon title={t("datasetsPage.formats.notRecognized")} />
        )}
        <Descriptions
          size="small"
          bordered
          column={1}
          aria-label={t("datasetsPage.formats.files")}
          items={report.files.map((f) => ({
            key: String(f.index),
            label: f.name,
            children: (
              <Space wrap>
                <Tag>{t(`datasetsPage.formats.containers.${f.container}`)}</Tag>
                <span>{t("datasetsPage.formats.records", { count: f.lines })}</span>
              </Space>
            ),
          }))}
        />
        {report.columns.length > 0 ? (
          <Typography.Text type="secondary">
            {t("datasetsPage.formats.columns", { columns: report.columns.join(", ") })}
          </Typography.Text>
        ) : null}
        <Space wrap>
          <label htmlFor="dataset-shape">{t("datasetsPage.formats.shape")}</label>
          <Select<DatasetShape | "">
            id="dataset-shape"
            style={{ minWidth: 260 }}
            value={shape ?? ""}
            onChange={(v) => onShape(v === "" ? null : v)}
            options={[
              { value: "", label: t("datasetsPage.formats.shapeAuto") },
              ...Shapes.options.map((s) => ({ value: s, label: `${shapeName(s)} (${s})` })),
            ]}
          />
        </Space>
        <Typography.Text strong>{t("datasetsPage.formats.mapping")}</Typography.Text>
        <Typography.Text type="secondary">{t("datasetsPage.formats.mappingHint")}</Typography.Text>
        <MappingEditor rows={rows} onChange={onRows} columns={report.columns} shape={shape ?? report.shape} />
        {dirty ? <Alert type="warning" showIcon title={t("datasetsPage.formats.changed")} /> : null}
        <Button
          icon={<ReloadOutlined />}
          onClick={onValidate}
          loading={validating}
          type={dirty ? "primary" : "default"}
        >
          {t("datasetsPage.formats.revalidate")}
        </Button>
        <Typography.Text strong>{t("datasetsPage.formats.preview")}</Typography.Text>
        {report.preview.length === 0 ? (
          <Typography.Text type="secondary">{t("datasetsPage.formats.noPreview")}</Typography.Text>
        ) : (
          <Table<PreviewRow>
            size="small"
            aria-label={t("datasetsPage.formats.previewTable")}
            rowKey="line"
            pagination={false}
            dataSource={report.preview}
            scroll={{ x: "max-content" }}
            columns={[
              {
                key: "at",
                title: t("datasetsPage.preview.file"),
                render: (_, r) => `${r.file_name ?? "—"}:${r.file_line}`,
              },
              {
                key: "value",
                title: t("datasetsPage.formats.asMapped"),
                render: (_, r) => (
                  <pre style={{ ...jsonStyle, maxWidth: 360 }}>{JSON.stringify(r.value, null, 2)}</pre>
                ),
              },
              {
                key: "normalized",
                title: t("datasetsPage.formats.normalized"),
                render: (_, r) => (
                  <pre style={{ ...jsonStyle, maxWidth: 360 }}>{JSON.stringify(r.normalized, null, 2)}</pre>
                ),
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
