import { CloseOutlined } from "@ant-design/icons";
import { type EvaluationComparison, MetricName, metricDirection } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { ErrorState } from "../../../components/error-state/error-state";
import { api } from "../../../lib/client";
import { PageHeader } from "../../../shell/page-header";
import { evaluationPaths, formatDelta, formatValue, sbsKeys } from "../compare/sbs-queries";

/** How many of the project's newest runs the picker offers (typing filters them). */
const PICKER_CHOICES = 100;

/** `?ids=a,b,c` → the run ids in order, each once. */
export function idsOf(param: string | null): string[] {
  return [
    ...new Set(
      (param ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

type Row = {
  key: string;
  position: number;
  run: EvaluationComparison["runs"][number];
  value: EvaluationComparison["metrics"][number]["values"][number] | undefined;
  delta: EvaluationComparison["metrics"][number]["deltas"][number] | undefined;
};

/**
 * Compare evaluations (`evaluation/compare?ids=a,b,c`): runs on the same data side by side — per
 * metric each run's value with its 95 % interval, and its difference to the first run with the
 * difference's interval and whether it was paired (the runs share samples). The picker adds and
 * removes runs of the project; the URL keeps the choice, so a link reproduces it.
 */
export function CompareEvaluationsPage() {
  const { t, i18n } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const ids = idsOf(search.get("ids"));
  const paths = evaluationPaths(tenantId, projectId);
  const runs = useQuery({
    queryKey: sbsKeys.runs(projectId),
    queryFn: () => api.evaluations.list(projectId, { limit: PICKER_CHOICES }),
  });
  const comparison = useQuery({
    queryKey: sbsKeys.compare(projectId, ids),
    queryFn: () => api.evaluations.compare(projectId, ids),
    enabled: ids.length >= 2,
  });
  const setIds = (next: string[]) => {
    const params = new URLSearchParams(search);
    if (next.length) params.set("ids", next.join(","));
    else params.delete("ids");
    setSearch(params, { replace: true });
  };
  const lang = i18n.language;
  const options = (runs.data?.data ?? []).map((r) => ({
    value: r.id,
    label: `${r.name ?? r.id} · ${t(`evaluationSbs.kind.${r.kind}`)}`,
  }));
  // A run of the URL the first page of the list does not hold still shows as its id.
  for (const id of ids) if (!options.some((o) => o.value === id)) options.push({ value: id, label: id });

  const metricLabel = (name: string) => {
    const known = MetricName.safeParse(name);
    // One name per metric across the console: the report's own.
    return known.success ? t(`evaluationPage.metric.${known.data}`) : name;
  };
  const verdict = (metric: string, d: NonNullable<Row["delta"]>) => {
    const known = MetricName.safeParse(metric);
    if (!known.success || (d.ci_low <= 0 && d.ci_high >= 0)) {
      return <Tag>{t("evaluationSbs.compare.noDifference")}</Tag>;
    }
    const up = d.delta > 0;
    const better = metricDirection[known.data] === "higher" ? up : !up;
    return better ? (
      <Tag color="green" style={{ color: "#135200" }}>
        {t("evaluationSbs.compare.better")}
      </Tag>
    ) : (
      <Tag color="red">{t("evaluationSbs.compare.worse")}</Tag>
    );
  };

  let body: React.ReactNode;
  if (ids.length < 2) {
    body = (
      <EmptyState
        title={t("evaluationSbs.compare.empty")}
        description={t("evaluationSbs.compare.emptyHint")}
      />
    );
  } else if (comparison.isPending) {
    body = <Skeleton active />;
  } else if (comparison.isError) {
    body = <ErrorState error={comparison.error} onRetry={() => void comparison.refetch()} />;
  } else if (comparison.data.metrics.length === 0) {
    body = <EmptyState title={t("evaluationSbs.compare.noMetrics")} />;
  } else {
    const data = comparison.data;
    const first = data.runs[0]?.label ?? "";
    body = (
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        {data.metrics.map((m) => {
          const rows: Row[] = data.runs.map((run, i) => ({
            key: run.id,
            position: i,
            run,
            value: m.values[i],
            delta: m.deltas[i],
          }));
          const known = MetricName.safeParse(m.metric);
          const title = metricLabel(m.metric);
          return (
            <Card
              key={m.metric}
              size="small"
              role="region"
              aria-label={title}
              title={
                <Space>
                  <span>{title}</span>
                  {known.success ? (
                    <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
                      {t(
                        metricDirection[known.data] === "higher"
                          ? "evaluationSbs.compare.higherBetter"
                          : "evaluationSbs.compare.lowerBetter",
                      )}
                    </Typography.Text>
                  ) : null}
                </Space>
              }
            >
              <Table<Row>
                size="small"
                pagination={false}
                dataSource={rows}
                columns={[
                  {
                    key: "run",
                    title: t("evaluationSbs.compare.run"),
                    render: (_, r) => (
                      <Space size={4}>
                        <Link
                          to={paths.run(r.run.id)}
                          aria-label={t("evaluationSbs.compare.openRun", { label: r.run.label })}
                        >
                          {r.run.label}
                        </Link>
                        <Tooltip title={t("evaluationSbs.compare.remove")}>
                          <Button
                            type="text"
                            size="small"
                            icon={<CloseOutlined />}
                            aria-label={`${t("evaluationSbs.compare.remove")} ${r.run.label}`}
                            onClick={() => setIds(ids.filter((id) => id !== r.run.id))}
                          />
                        </Tooltip>
                      </Space>
                    ),
                  },
                  {
                    key: "value",
                    title: t("evaluationSbs.compare.value"),
                    render: (_, r) => formatValue(r.value?.value, lang),
                  },
                  {
                    key: "interval",
                    title: t("evaluationSbs.compare.interval"),
                    render: (_, r) =>
                      r.value && r.value.ci_low !== null && r.value.ci_high !== null
                        ? `[${formatValue(r.value.ci_low, lang)}, ${formatValue(r.value.ci_high, lang)}]`
                        : "—",
                  },
                  {
                    key: "n",
                    title: t("evaluationSbs.compare.samples"),
                    render: (_, r) => r.value?.n ?? "—",
                  },
                  {
                    key: "delta",
                    title: t("evaluationSbs.compare.delta", { first }),
                    render: (_, r) =>
                      r.position === 0 || !r.delta ? (
                        <Tag>{t("evaluationSbs.compare.baseline")}</Tag>
                      ) : (
                        <Space size={6} wrap data-delta={r.run.id}>
                          <Typography.Text strong>{formatDelta(r.delta.delta, lang)}</Typography.Text>
                          <Typography.Text type="secondary">
                            [{formatDelta(r.delta.ci_low, lang)}, {formatDelta(r.delta.ci_high, lang)}]
                          </Typography.Text>
                          <Tooltip
                            title={t(
                              r.delta.paired
                                ? "evaluationSbs.compare.pairedHint"
                                : "evaluationSbs.compare.unpairedHint",
                            )}
                          >
                            <Tag color={r.delta.paired ? "blue" : "default"}>
                              {t(
                                r.delta.paired
                                  ? "evaluationSbs.compare.paired"
                                  : "evaluationSbs.compare.unpaired",
                              )}
                            </Tag>
                          </Tooltip>
                          {verdict(m.metric, r.delta)}
                        </Space>
                      ),
                  },
                ]}
              />
            </Card>
          );
        })}
      </Space>
    );
  }

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <PageHeader
        title={t("evaluationSbs.compare.title")}
        description={t("evaluationSbs.compare.subtitle")}
      />
      <Space orientation="vertical" style={{ width: "100%" }} size={4}>
        <label htmlFor="compare-runs">{t("evaluationSbs.compare.picker")}</label>
        <Select
          id="compare-runs"
          mode="multiple"
          style={{ width: "100%" }}
          placeholder={t("evaluationSbs.compare.pickerPlaceholder")}
          showSearch={{ optionFilterProp: "label" }}
          loading={runs.isPending}
          value={ids}
          onChange={(v: string[]) => setIds(v)}
          options={options}
        />
        {runs.isError ? <ErrorState error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      </Space>
      {body}
    </Space>
  );
}
