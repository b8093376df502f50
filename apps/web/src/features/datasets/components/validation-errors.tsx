import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Descriptions, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DatasetRowError, DatasetValidation } from "../types";

/**
 * Where an error is: its record number in the files read in order (JSONL: the line), and the file
 * and line when there are several; the element's index for a JSON array or Parquet file, the line
 * where the row starts for a CSV file.
 */
function Location({ e, files }: { e: DatasetRowError; files: number }) {
  const { t } = useTranslation();
  const file = e.file_name ?? `#${e.file + 1}`;
  const where =
    e.index !== null
      ? t("datasetsPage.errors.atIndex", { file, index: e.index })
      : files > 1 || e.container !== "jsonl"
        ? t("datasetsPage.errors.inFile", { file, line: e.file_line })
        : null;
  return (
    <span>
      <Typography.Text strong>{e.line.toLocaleString()}</Typography.Text>
      {where ? <Typography.Text type="secondary"> {where}</Typography.Text> : null}
    </span>
  );
}

/**
 * What validation found (§4.3.4 step 3): row counts, the first 20 bad lines with their numbers and
 * messages, and the full report to download.
 */
export function ValidationErrors({ report }: { report: DatasetValidation }) {
  const { t } = useTranslation();
  const { rows } = report;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 2, md: 4 }}
        aria-label={t("datasetsPage.errors.counts")}
        items={[
          { key: "total", label: t("datasetsPage.errors.total"), children: rows.total.toLocaleString() },
          { key: "valid", label: t("datasetsPage.errors.valid"), children: rows.valid.toLocaleString() },
          {
            key: "invalid",
            label: t("datasetsPage.errors.invalid"),
            children: rows.invalid.toLocaleString(),
          },
          { key: "blank", label: t("datasetsPage.errors.blank"), children: rows.blank.toLocaleString() },
        ]}
      />
      {rows.invalid === 0 ? null : (
        <>
          <Alert
            type="error"
            showIcon
            title={t("datasetsPage.errors.found", { count: rows.invalid })}
            description={
              report.errors_truncated
                ? t("datasetsPage.errors.firstOf", { shown: report.errors.length, count: rows.invalid })
                : undefined
            }
          />
          {report.report_href ? (
            // Outside the alert: its red background leaves a button's text too faint to read.
            <Button icon={<DownloadOutlined />} href={report.report_href} download>
              {t("datasetsPage.errors.download")}
            </Button>
          ) : null}
          <Table<DatasetRowError>
            size="small"
            aria-label={t("datasetsPage.errors.table")}
            rowKey={(e) => `${e.line}:${e.code}`}
            pagination={false}
            dataSource={report.errors}
            scroll={{ x: "max-content" }}
            columns={[
              {
                key: "line",
                title: t("datasetsPage.errors.line"),
                render: (_, e) => <Location e={e} files={report.files.length} />,
              },
              { key: "column", title: t("datasetsPage.errors.column"), render: (_, e) => e.column ?? "—" },
              {
                key: "code",
                title: t("datasetsPage.errors.code"),
                render: (_, e) => <Typography.Text code>{e.code}</Typography.Text>,
              },
              {
                key: "message",
                title: t("datasetsPage.errors.message"),
                // Long messages (the known shapes' fields) wrap instead of widening the table past the
                // dialog: a scrolled table would need keyboard access of its own.
                render: (_, e) => <div style={{ maxWidth: 560, overflowWrap: "anywhere" }}>{e.message}</div>,
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
