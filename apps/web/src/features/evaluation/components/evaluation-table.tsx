import type { EvaluationRun } from "@infera/contracts";
import { Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import {
  DataTable,
  type DataTableColumn,
  type DataTableFilter,
} from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { evalKeys, evalPaths, formatSummary, isOpen, runMetricNames } from "../api";
import { EvalProgress, EvalStatusTag, GateTag } from "./eval-status";
import { RunActions } from "./run-actions";
import { TargetLinks } from "./target-links";
import type { RunAction } from "./use-run-actions";

const kinds = ["automatic", "side_by_side", "gate"] as const;
const statuses = ["queued", "running", "canceling", "succeeded", "failed", "canceled"] as const;
/** How many metrics a row summarizes (the run's first ones, as configured). */
const SUMMARY_METRICS = 3;

/** The project's evaluation runs (§4.3.6), newest first: server-paginated, filtered, exportable. */
export function EvaluationTable({
  tenantId,
  projectId,
  empty,
  onAction,
}: {
  tenantId: string;
  projectId: string;
  empty: ReactNode;
  onAction: (action: RunAction, run: EvaluationRun) => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const navigate = useNavigate();
  const paths = evalPaths(tenantId, projectId);
  const columns: DataTableColumn<EvaluationRun>[] = [
    {
      key: "id",
      title: t("evaluationPage.col.run"),
      render: (r) => (
        <Space orientation="vertical" size={0}>
          <Link to={paths.run(r.id)}>{r.name ?? t(`evaluationPage.kind.${r.kind}`)}</Link>
          <IDBadge id={r.id} />
        </Space>
      ),
    },
    {
      key: "targets",
      title: t("evaluationPage.col.targets"),
      render: (r) => <TargetLinks run={r} paths={paths} />,
    },
    {
      key: "dataset",
      title: t("evaluationPage.col.dataset"),
      render: (r) =>
        r.dataset_id && r.dataset_version_id ? (
          <Link to={paths.datasetVersion(r.dataset_id, r.dataset_version_id)}>
            <IDBadge id={r.dataset_version_id} />
          </Link>
        ) : r.config.prompts ? (
          t("evaluationPage.typedPrompts", { count: r.config.prompts.length })
        ) : (
          "—"
        ),
    },
    {
      key: "metrics",
      title: t("evaluationPage.col.metrics"),
      render: (r) => {
        const a = r.summary?.metrics.a;
        if (!a) return "—";
        return (
          <Space orientation="vertical" size={0} data-testid="metric-summary">
            {runMetricNames(r)
              .filter((m) => a[m])
              .slice(0, SUMMARY_METRICS)
              .map((m) => (
                <Typography.Text key={m} style={{ whiteSpace: "nowrap" }}>
                  {t(`evaluationPage.metric.${m}`, { defaultValue: m })} {formatSummary(a[m])}
                </Typography.Text>
              ))}
          </Space>
        );
      },
    },
    {
      key: "status",
      title: t("evaluationPage.col.status"),
      render: (r) => (
        <Space orientation="vertical" size={2} style={{ minWidth: 140 }}>
          <EvalStatusTag status={r.status} />
          {isOpen(r.status) && r.status !== "canceling" ? <EvalProgress run={r} compact /> : null}
        </Space>
      ),
    },
    {
      key: "gate",
      title: t("evaluationPage.col.gate"),
      render: (r) => (r.gate ? <GateTag run={r} /> : "—"),
    },
    {
      key: "created_at",
      title: t("common.createdAt"),
      sortable: true,
      render: (r) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDate(r.created_at)}</span>
          {r.created_by ? <IDBadge id={r.created_by} /> : null}
        </Space>
      ),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (r) => (
        <Space size={4} wrap>
          <Link to={paths.run(r.id)}>{t("evaluationPage.actions.view")}</Link>
          <RunActions run={r} projectId={projectId} onAction={onAction} />
        </Space>
      ),
    },
  ];
  const filters: DataTableFilter[] = [
    {
      key: "kind",
      label: t("evaluationPage.filter.kind"),
      type: "select",
      options: kinds.map((value) => ({ value, label: t(`evaluationPage.kind.${value}`) })),
    },
    {
      key: "status",
      label: t("evaluationPage.filter.status"),
      type: "select",
      options: statuses.map((value) => ({ value, label: t(`evaluationPage.status.${value}`) })),
    },
    {
      key: "gate",
      label: t("evaluationPage.filter.gate"),
      type: "select",
      options: [
        { value: "passed", label: t("evaluationPage.gate.passed") },
        { value: "failed", label: t("evaluationPage.gate.failed") },
      ],
    },
  ];
  return (
    <DataTable<EvaluationRun>
      ariaLabel={t("evaluationPage.title")}
      list={(q) => api.evaluations.list(projectId, pageQuery(q))}
      exportCsv={(q) => api.evaluations.exportCsv(projectId, exportQuery(q))}
      exportJson={(q) => api.evaluations.exportJson(projectId, exportQuery(q))}
      exportName="evaluations"
      queryKey={evalKeys.list(projectId)}
      columns={columns}
      rowKey={(r) => r.id}
      filters={filters}
      batchActions={[
        {
          key: "compare",
          label: t("evaluationPage.actions.compare"),
          onRun: (rows) => {
            if (rows.length >= 2) navigate(paths.compare(rows.map((r) => r.id)));
          },
        },
      ]}
      toolbar={<Typography.Text type="secondary">{t("evaluationPage.compareHint")}</Typography.Text>}
      searchPlaceholder={t("evaluationPage.search")}
      empty={empty}
    />
  );
}
