import type { EvaluationRun, EvaluationSample, MetricName } from "@infera/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Checkbox, Descriptions, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { api } from "../../../lib/client";
import { evalKeys, formatValue, runMetricNames, targetOf } from "../api";

/** Samples per request (the API's page limit). */
const PAGE = 200;
/** The table's scrolling height: only the rows in view (and a few around) are in the page. */
const HEIGHT = 520;

interface Filters {
  target?: "a" | "b";
  slice?: string;
  metric?: string;
  failed: boolean;
}

/** Worst first is the server's order for the chosen metric; the table then only shows what is in view. */
export function SamplesTable({ run }: { run: EvaluationRun }) {
  const { t } = useTranslation();
  const metrics = runMetricNames(run);
  // The Gate tab links a pass-rate rule's failing prompts here (`?tab=samples&gate_rule=egr_…`).
  const [params] = useSearchParams();
  const gateRule = params.get("gate_rule") ?? undefined;
  const [filters, setFilters] = useState<Filters>({ metric: metrics[0], failed: gateRule !== undefined });
  const samples = useInfiniteQuery({
    queryKey: [...evalKeys.samples(run.id), filters, gateRule],
    queryFn: ({ pageParam }) =>
      api.evaluations.samples(run.id).list({
        limit: PAGE,
        cursor: pageParam,
        order: "worst",
        target: filters.target,
        slice: filters.slice,
        metric: filters.metric as MetricName | undefined,
        failed: filters.failed ? "true" : undefined,
        gate_rule_id: gateRule,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = samples.data?.pages.flatMap((p) => p.data) ?? [];
  const slices = Object.keys(run.summary?.slices ?? {});
  const shownMetric = filters.metric ?? metrics[0];
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const loadMore = () => {
    if (samples.hasNextPage && !samples.isFetchingNextPage) void samples.fetchNextPage();
  };

  return (
    <section aria-label={t("evaluationPage.samples.title")} data-testid="samples-table">
      <Space wrap style={{ marginBottom: 12 }}>
        {run.targets.length > 1 ? (
          <Select
            aria-label={t("evaluationPage.samples.target")}
            placeholder={t("evaluationPage.samples.target")}
            allowClear
            style={{ minWidth: 180 }}
            value={filters.target}
            onChange={(v) => set({ target: v })}
            options={run.targets.map((x) => ({ value: x.key, label: x.label }))}
          />
        ) : null}
        {slices.length ? (
          <Select
            aria-label={t("evaluationPage.samples.slice")}
            placeholder={t("evaluationPage.samples.slice")}
            allowClear
            style={{ minWidth: 160 }}
            value={filters.slice}
            onChange={(v) => set({ slice: v })}
            options={slices.map((value) => ({ value, label: value }))}
          />
        ) : null}
        <Select
          aria-label={t("evaluationPage.samples.metric")}
          style={{ minWidth: 180 }}
          value={filters.metric}
          onChange={(v) => set({ metric: v })}
          options={metrics.map((m) => ({
            value: m,
            label: t(`evaluationPage.metric.${m}`, { defaultValue: m }),
          }))}
        />
        <Checkbox checked={filters.failed} onChange={(e) => set({ failed: e.target.checked })}>
          {t("evaluationPage.samples.failedOnly")}
        </Checkbox>
        <Typography.Text type="secondary" data-testid="samples-count">
          {t("evaluationPage.samples.loaded", { count: rows.length })}
        </Typography.Text>
        {samples.hasNextPage ? (
          <Button size="small" loading={samples.isFetchingNextPage} onClick={loadMore}>
            {t("evaluationPage.samples.loadMore")}
          </Button>
        ) : null}
      </Space>
      {samples.isError ? (
        <ErrorState error={samples.error} onRetry={() => void samples.refetch()} />
      ) : (
        <Table<EvaluationSample>
          virtual
          size="small"
          loading={samples.isPending}
          rowKey={(s) => `${s.target}:${s.index}`}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900, y: HEIGHT }}
          onScroll={(e) => {
            const el = e.currentTarget;
            // Near the end of what is loaded: fetch the next page, so scrolling goes on through the whole run.
            if (el.scrollHeight - el.scrollTop - el.clientHeight < HEIGHT) loadMore();
          }}
          locale={{ emptyText: <Typography.Text>{t("evaluationPage.samples.empty")}</Typography.Text> }}
          expandable={{ expandedRowRender: (s) => <SampleDetail sample={s} /> }}
          columns={[
            { key: "index", title: "#", width: 70, render: (_, s) => s.index },
            ...(run.targets.length > 1
              ? [
                  {
                    key: "target",
                    title: t("evaluationPage.samples.target"),
                    width: 140,
                    ellipsis: true,
                    render: (_: unknown, s: EvaluationSample) => targetOf(run, s.target)?.label ?? s.target,
                  },
                ]
              : []),
            ...(slices.length
              ? [
                  {
                    key: "slice",
                    title: t("evaluationPage.samples.slice"),
                    width: 120,
                    ellipsis: true,
                    render: (_: unknown, s: EvaluationSample) => s.slice ?? "—",
                  },
                ]
              : []),
            {
              key: "score",
              title: t(`evaluationPage.metric.${shownMetric}`, { defaultValue: shownMetric ?? "" }),
              width: 120,
              render: (_, s) => (shownMetric ? formatValue(s.scores[shownMetric]) : "—"),
            },
            {
              key: "output",
              title: t("evaluationPage.samples.output"),
              ellipsis: true,
              render: (_, s) =>
                s.error ? <Tag color="red">{t("evaluationPage.samples.error")}</Tag> : (s.output ?? "—"),
            },
            {
              key: "reference",
              title: t("evaluationPage.samples.reference"),
              ellipsis: true,
              render: (_, s) => s.reference ?? "—",
            },
            {
              key: "latency",
              title: t("evaluationPage.samples.latency"),
              width: 110,
              render: (_, s) => (s.latency_ms === null ? "—" : `${Math.round(s.latency_ms)} ms`),
            },
          ]}
        />
      )}
    </section>
  );
}

function inputText(input: EvaluationSample["input"]): string {
  return typeof input === "string" ? input : input.map((m) => `${m.role}: ${m.content}`).join("\n");
}

/** An expanded sample: what was sent, what was expected, what came back, and every score. */
function SampleDetail({ sample }: { sample: EvaluationSample }) {
  const { t } = useTranslation();
  const pre = { whiteSpace: "pre-wrap" as const, margin: 0, maxHeight: 200, overflow: "auto" as const };
  return (
    <Descriptions size="small" column={1} bordered data-testid={`sample-${sample.target}-${sample.index}`}>
      <Descriptions.Item label={t("evaluationPage.samples.input")}>
        <pre style={pre}>{inputText(sample.input)}</pre>
      </Descriptions.Item>
      <Descriptions.Item label={t("evaluationPage.samples.reference")}>
        <pre style={pre}>{sample.reference ?? "—"}</pre>
      </Descriptions.Item>
      <Descriptions.Item label={t("evaluationPage.samples.output")}>
        <pre style={pre}>{sample.output ?? "—"}</pre>
      </Descriptions.Item>
      {sample.error ? (
        <Descriptions.Item label={t("evaluationPage.samples.error")}>{sample.error}</Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t("evaluationPage.samples.scores")}>
        {Object.entries(sample.scores)
          .map(([m, v]) => `${t(`evaluationPage.metric.${m}`, { defaultValue: m })}: ${formatValue(v)}`)
          .join(" · ") || "—"}
      </Descriptions.Item>
      {sample.judge_reason ? (
        <Descriptions.Item label={t("evaluationPage.samples.judgeReason")}>
          {sample.judge_reason}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
