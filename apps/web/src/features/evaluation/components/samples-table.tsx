import type { EvaluationRun, MetricName } from "@infera/contracts";
import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { Button, Checkbox, Select, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { api } from "../../../lib/client";
import { evalKeys, formatValue, runMetricNames, targetOf } from "../api";
import { type SampleColumn, SamplesGrid } from "./samples-grid";

/** Samples per request after the first (the API's page limit). */
const PAGE = 200;
/**
 * The first request of a filter: a few screenfuls, so a filter change waits on (and renders) 50
 * rows, not 200; the rest is fetched as the table scrolls towards its end.
 */
const FIRST_PAGE = 50;

interface Filters {
  target?: "a" | "b";
  slice?: string;
  metric?: string;
  failed: boolean;
}

function samplesQuery(runId: string, filters: Filters, gateRule: string | undefined) {
  return infiniteQueryOptions({
    queryKey: [...evalKeys.samples(runId), filters, gateRule],
    queryFn: async ({ pageParam }) => ({
      ...(await api.evaluations.samples(runId).list({
        limit: pageParam === undefined ? FIRST_PAGE : PAGE,
        cursor: pageParam,
        order: "worst",
        target: filters.target,
        slice: filters.slice,
        metric: filters.metric as MetricName | undefined,
        failed: filters.failed ? "true" : undefined,
        gate_rule_id: gateRule,
      })),
      // The metric these rows were sorted by: the score column shows it, also while a newer filter loads.
      metric: filters.metric,
    }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** Worst first is the server's order for the chosen metric; the table then only shows what is in view. */
export function SamplesTable({ run }: { run: EvaluationRun }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const metrics = runMetricNames(run);
  // The Gate tab links a pass-rate rule's failing prompts here (`?tab=samples&gate_rule=egr_…`).
  const [params] = useSearchParams();
  const gateRule = params.get("gate_rule") ?? undefined;
  const [filters, setFilters] = useState<Filters>({ metric: metrics[0], failed: gateRule !== undefined });
  const samples = useInfiniteQuery({
    ...samplesQuery(run.id, filters, gateRule),
    // A filter change keeps the rows shown (dimmed, the section busy) until the new ones arrive,
    // rather than blanking the table to a spinner and mounting every row again.
    placeholderData: keepPreviousData,
  });
  // Rows of the previous filters, shown while the new filters' first page loads.
  const stale = samples.isPlaceholderData;
  const rows = useMemo(() => samples.data?.pages.flatMap((p) => p.data) ?? [], [samples.data]);
  const slices = Object.keys(run.summary?.slices ?? {});
  const shownMetric = samples.data?.pages[0]?.metric ?? filters.metric ?? metrics[0];
  const set = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    // The request goes out on the input itself, before React renders the change.
    void queryClient.prefetchInfiniteQuery(samplesQuery(run.id, next, gateRule));
    setFilters(next);
  };
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = samples;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const columns = useMemo(
    () => sampleColumns(run, slices.length > 0, shownMetric, t),
    [run, slices.length, shownMetric, t],
  );

  return (
    <section
      aria-label={t("evaluationPage.samples.title")}
      aria-busy={stale || samples.isPending}
      data-testid="samples-table"
    >
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
          {/* The rows stay fully legible while the next filter's rows load; this line says so. */}
          {stale
            ? t("evaluationPage.samples.updating")
            : t("evaluationPage.samples.loaded", { count: rows.length })}
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
        <SamplesGrid
          rows={rows}
          columns={columns}
          loading={samples.isPending}
          emptyText={t("evaluationPage.samples.empty")}
          label={t("evaluationPage.samples.title")}
          onNearEnd={loadMore}
        />
      )}
    </section>
  );
}

function sampleColumns(
  run: EvaluationRun,
  hasSlices: boolean,
  shownMetric: string | undefined,
  t: TFunction,
): SampleColumn[] {
  const columns: SampleColumn[] = [{ key: "index", title: "#", track: "70px", render: (s) => s.index }];
  if (run.targets.length > 1)
    columns.push({
      key: "target",
      title: t("evaluationPage.samples.target"),
      track: "140px",
      render: (s) => targetOf(run, s.target)?.label ?? s.target,
    });
  if (hasSlices)
    columns.push({
      key: "slice",
      title: t("evaluationPage.samples.slice"),
      track: "120px",
      render: (s) => s.slice ?? "—",
    });
  columns.push(
    {
      key: "score",
      title: t(`evaluationPage.metric.${shownMetric}`, { defaultValue: shownMetric ?? "" }),
      track: "120px",
      render: (s) => (shownMetric ? formatValue(s.scores[shownMetric]) : "—"),
    },
    {
      key: "output",
      title: t("evaluationPage.samples.output"),
      track: "minmax(0, 1fr)",
      render: (s) =>
        s.error ? <Tag color="red">{t("evaluationPage.samples.error")}</Tag> : (s.output ?? "—"),
    },
    {
      key: "reference",
      title: t("evaluationPage.samples.reference"),
      track: "minmax(0, 1fr)",
      render: (s) => s.reference ?? "—",
    },
    {
      key: "latency",
      title: t("evaluationPage.samples.latency"),
      track: "110px",
      render: (s) => (s.latency_ms === null ? "—" : `${Math.round(s.latency_ms)} ms`),
    },
  );
  return columns;
}
