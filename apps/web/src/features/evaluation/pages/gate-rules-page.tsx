import { PlusOutlined } from "@ant-design/icons";
import type { GateRule } from "@infera/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { DangerConfirmDialog } from "../../../components/dialogs/danger-confirm-dialog";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { usePermissions } from "../../../permissions/use-permissions";
import { PageHeader } from "../../../shell/page-header";
import { evalKeys } from "../api";
import { GateRuleDialog } from "../gate-rules/gate-rule-dialog";
import { comparisonText, ruleText } from "../gate-rules/rule-text";

/** How many of the project's models the scope column and filter name (the rest show their id). */
const MODEL_NAMES = 100;

/**
 * The project's gate rules (what a gate run checks before a version may become prod): list, add,
 * delete. Rules are never edited: a rule is fixed for its life, so past verdicts keep their meaning.
 */
export function GateRulesPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const { formatDate } = usePreferences();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<GateRule | null>(null);
  const key = evalKeys.gateRules(projectId);
  const permissions = usePermissions(projectId);
  const readOnly = !permissions.isLoading && !permissions.can("evaluation.gate_rule.create").allowed;
  // The same list the model picker reads: names for the scope column.
  const models = useQuery({
    queryKey: ["models", "list", projectId, "picker"],
    queryFn: () => api.models.list(projectId, { limit: MODEL_NAMES }),
  });
  const modelName = (id: string) => models.data?.data.find((m) => m.id === id)?.name ?? id;

  const addButton = (
    <PermissionGuard action="evaluation.gate_rule.create" projectId={projectId} mode="hide">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
        {t("evaluationGateRules.add")}
      </Button>
    </PermissionGuard>
  );
  const columns: DataTableColumn<GateRule>[] = [
    {
      key: "metric",
      title: t("evaluationGateRules.col.metric"),
      render: (r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{t(`evaluationPage.metric.${r.metric}`)}</Typography.Text>
          <IDBadge id={r.id} />
        </Space>
      ),
    },
    {
      key: "rule",
      title: t("evaluationGateRules.col.rule"),
      render: (r) => <span data-rule={r.id}>{comparisonText(r, t)}</span>,
    },
    {
      key: "scope",
      title: t("evaluationGateRules.col.scope"),
      render: (r) =>
        r.model_id ? (
          <Tag>{modelName(r.model_id)}</Tag>
        ) : (
          <Typography.Text type="secondary">{t("evaluationGateRules.everyModel")}</Typography.Text>
        ),
    },
    {
      key: "prompts",
      title: t("evaluationGateRules.col.prompts"),
      render: (r) => (r.prompt_count === null ? "—" : String(r.prompt_count)),
    },
    {
      key: "description",
      title: t("evaluationGateRules.col.description"),
      render: (r) => r.description || "—",
    },
    {
      key: "created_at",
      title: t("evaluationGateRules.col.created"),
      render: (r) => (
        <Space size={4} wrap>
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
        <PermissionGuard action="evaluation.gate_rule.delete" projectId={projectId} mode="hide">
          <Button
            size="small"
            type="link"
            danger
            aria-label={t("evaluationGateRules.deleteOf", { rule: ruleText(r, t) })}
            onClick={() => setDeleting(r)}
          >
            {t("common.delete")}
          </Button>
        </PermissionGuard>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("evaluationGateRules.title")}
        description={t("evaluationGateRules.description")}
        primary={addButton}
      />
      {readOnly ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("evaluationGateRules.readOnly")} />
      ) : null}
      <DataTable<GateRule>
        ariaLabel={t("evaluationGateRules.title")}
        list={(q) => api.evaluations.gateRules.list(projectId, pageQuery(q))}
        exportCsv={(q) => api.evaluations.gateRules.exportCsv(projectId, exportQuery(q))}
        exportJson={(q) => api.evaluations.gateRules.exportJson(projectId, exportQuery(q))}
        exportName="evaluation-gate-rules"
        queryKey={key}
        columns={columns}
        rowKey={(r) => r.id}
        filters={[
          {
            key: "model_id",
            label: t("evaluationGateRules.field.model"),
            type: "select",
            options: (models.data?.data ?? []).map((m) => ({ value: m.id, label: m.name })),
          },
        ]}
        empty={
          <EmptyState
            title={t("evaluationGateRules.empty")}
            description={t("evaluationGateRules.emptyHint")}
            actions={addButton}
          />
        }
      />
      <GateRuleDialog
        open={adding}
        tenantId={tenantId}
        projectId={projectId}
        onClose={() => setAdding(false)}
      />
      <DangerConfirmDialog
        open={Boolean(deleting)}
        title={t("evaluationGateRules.deleteTitle", { rule: deleting ? ruleText(deleting, t) : "" })}
        confirmName={deleting?.id ?? ""}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          const { auditEventIds } = await audited((c) => c.evaluations.gateRules.delete(deleting.id));
          toast(t("evaluationGateRules.deleted", { rule: ruleText(deleting, t) }), {
            tenantId,
            projectId,
            resourceId: deleting.id,
            action: "evaluation.gate_rule.delete",
            eventIds: auditEventIds,
          });
          setDeleting(null);
          await queryClient.invalidateQueries({ queryKey: key });
        }}
      >
        <Alert type="warning" showIcon title={t("evaluationGateRules.deleteBody")} />
      </DangerConfirmDialog>
    </>
  );
}
