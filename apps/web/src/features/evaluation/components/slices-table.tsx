import type { EvaluationRun } from "@infera/contracts";
import { Table } from "antd";
import { useTranslation } from "react-i18next";
import { formatSummary, runMetricNames, targetOf } from "../api";

type Row = { slice: string; cells: Record<string, string> };

/** The metrics per slice value (when the run slices by a field), one column per target and metric. */
export function SlicesTable({ run }: { run: EvaluationRun }) {
  const { t } = useTranslation();
  const slices = run.summary?.slices;
  if (!slices || Object.keys(slices).length === 0) return null;
  const keys = (["a", "b"] as const).filter((k) => Object.values(slices).some((s) => s[k]));
  const metrics = runMetricNames(run);
  const rows: Row[] = Object.entries(slices).map(([slice, byTarget]) => ({
    slice,
    cells: Object.fromEntries(
      keys.flatMap((k) => metrics.map((m) => [`${k}:${m}`, formatSummary(byTarget[k]?.[m])])),
    ),
  }));
  return (
    <section aria-label={t("evaluationPage.report.slices")}>
      <Table<Row>
        size="small"
        rowKey="slice"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          {
            key: "slice",
            title: run.config.slice_field ?? t("evaluationPage.report.slice"),
            dataIndex: "slice",
            fixed: "left",
          },
          ...keys.flatMap((k) =>
            metrics.map((m) => ({
              key: `${k}:${m}`,
              title: `${keys.length > 1 ? `${targetOf(run, k)?.label ?? k} · ` : ""}${t(`evaluationPage.metric.${m}`, { defaultValue: m })}`,
              render: (_: unknown, r: Row) => r.cells[`${k}:${m}`],
            })),
          ),
        ]}
      />
    </section>
  );
}
