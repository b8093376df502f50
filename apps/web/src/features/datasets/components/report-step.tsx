import { Alert, Checkbox, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DatasetValidation } from "../types";
import { SchemaCard } from "./schema-card";
import { TokenStatsCards } from "./token-stats-cards";
import { ValidationErrors } from "./validation-errors";

/**
 * Step 3 of the dataset wizard: counts, the bad lines by number with the report to download, the
 * choice between a corrected file and keeping only the valid rows, then schema and token statistics.
 */
export function ReportStep({
  report,
  keepValid,
  onKeepValid,
  error,
}: {
  report: DatasetValidation;
  keepValid: boolean;
  onKeepValid: (keep: boolean) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      {report.valid ? (
        <Alert
          type="success"
          showIcon
          title={t("datasetsPage.report.allValid", { rows: report.rows.valid, format: report.format ?? "—" })}
        />
      ) : null}
      <ValidationErrors report={report} />
      {!report.valid && report.rows.valid > 0 ? (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text strong>{t("datasetsPage.report.howToFix")}</Typography.Text>
          <Typography.Text>{t("datasetsPage.report.fixAndReupload")}</Typography.Text>
          <Checkbox checked={keepValid} onChange={(e) => onKeepValid(e.target.checked)}>
            {t("datasetsPage.report.keepValid", { valid: report.rows.valid, invalid: report.rows.invalid })}
          </Checkbox>
        </Space>
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t("datasetsPage.schema.title")}
      </Typography.Title>
      <SchemaCard schema={report.schema} />
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t("datasetsPage.tokens.title")}
      </Typography.Title>
      <TokenStatsCards stats={report.token_stats} />
    </Space>
  );
}
