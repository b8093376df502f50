import { PlusOutlined } from "@ant-design/icons";
import type { EvaluationBenchmark } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { evalKeys } from "../api";
import { BenchmarkDialog } from "../benchmarks/benchmark-dialog";

/** The project's benchmarks (standard evaluation sets): list, create, edit, delete. */
export function BenchmarksPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const { formatDate } = usePreferences();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<EvaluationBenchmark | "new" | null>(null);
  const [deleting, setDeleting] = useState<EvaluationBenchmark | null>(null);
  const key = evalKeys.benchmarks(projectId);

  const createButton = (
    <PermissionGuard action="evaluation.benchmark.create" projectId={projectId}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
        {t("evaluationBenchmarks.create")}
      </Button>
    </PermissionGuard>
  );
  const columns: DataTableColumn<EvaluationBenchmark>[] = [
    {
      key: "name",
      title: t("evaluationBenchmarks.name"),
      sortable: true,
      render: (b) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{b.name}</Typography.Text>
          {b.description ? <Typography.Text type="secondary">{b.description}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      key: "data",
      title: t("evaluationBenchmarks.data"),
      render: (b) => (
        <Space size={4} wrap>
          <Typography.Text code>{b.dataset_id}</Typography.Text>
          {b.dataset_version_id ? (
            <Tag>{t("evaluationBenchmarks.pinned", { version: b.dataset_version_id })}</Tag>
          ) : (
            <Tag color="blue">{t("evaluationBenchmarks.latestTag")}</Tag>
          )}
        </Space>
      ),
    },
    {
      key: "metrics",
      title: t("evaluationBenchmarks.metrics"),
      render: (b) => b.metrics.map((m) => t(`evaluationPage.metric.${m.name}`)).join(", "),
    },
    {
      key: "sample_limit",
      title: t("evaluationBenchmarks.sampleLimit"),
      render: (b) => (b.sample_limit === null ? t("evaluationBenchmarks.all") : String(b.sample_limit)),
    },
    { key: "updated_at", title: t("evaluationBenchmarks.updated"), render: (b) => formatDate(b.updated_at) },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (b) => (
        <Space size={4}>
          <PermissionGuard action="evaluation.benchmark.update" projectId={projectId}>
            <Button
              size="small"
              type="link"
              aria-label={t("evaluationBenchmarks.editOf", { name: b.name })}
              onClick={() => setEditing(b)}
            >
              {t("evaluationBenchmarks.edit")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="evaluation.benchmark.delete" projectId={projectId}>
            <Button
              size="small"
              type="link"
              danger
              aria-label={t("evaluationBenchmarks.deleteOf", { name: b.name })}
              onClick={() => setDeleting(b)}
            >
              {t("common.delete")}
            </Button>
          </PermissionGuard>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("evaluationBenchmarks.title")}
        description={t("evaluationBenchmarks.description")}
        primary={createButton}
      />
      <DataTable<EvaluationBenchmark>
        ariaLabel={t("evaluationBenchmarks.title")}
        list={(q) => api.evaluations.benchmarks.list(projectId, pageQuery(q))}
        exportCsv={(q) => api.evaluations.benchmarks.exportCsv(projectId, exportQuery(q))}
        exportJson={(q) => api.evaluations.benchmarks.exportJson(projectId, exportQuery(q))}
        exportName="evaluation-benchmarks"
        queryKey={key}
        columns={columns}
        rowKey={(b) => b.id}
        empty={
          <EmptyState
            title={t("evaluationBenchmarks.empty")}
            description={t("evaluationBenchmarks.emptyHint")}
            actions={createButton}
          />
        }
      />
      <BenchmarkDialog
        open={editing !== null}
        tenantId={tenantId}
        projectId={projectId}
        benchmark={editing === "new" ? null : editing}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={Boolean(deleting)}
        danger
        confirmText={t("common.delete")}
        title={t("evaluationBenchmarks.deleteTitle", { name: deleting?.name ?? "" })}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          const { auditEventIds } = await audited((c) => c.evaluations.benchmarks.delete(deleting.id));
          toast(t("evaluationBenchmarks.deleted", { name: deleting.name }), {
            tenantId,
            projectId,
            resourceId: deleting.id,
            action: "evaluation.benchmark.delete",
            eventIds: auditEventIds,
          });
          setDeleting(null);
          await queryClient.invalidateQueries({ queryKey: key });
        }}
      >
        <Typography.Paragraph>{t("evaluationBenchmarks.deleteBody")}</Typography.Paragraph>
      </ConfirmDialog>
    </>
  );
}
