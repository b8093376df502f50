import type { FineTuneTemplate } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Drawer, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { jobKeys, jobPaths } from "../api";

/** The project's job templates beside its jobs: start the wizard from one, or delete it. */
export function TemplatesDrawer({
  open,
  tenantId,
  projectId,
  onClose,
}: {
  open: boolean;
  tenantId: string;
  projectId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<FineTuneTemplate | null>(null);
  const paths = jobPaths(tenantId, projectId);
  const key = jobKeys.templates(projectId);

  const columns: DataTableColumn<FineTuneTemplate>[] = [
    {
      key: "name",
      title: t("fineTuningPage.templates.name"),
      sortable: true,
      render: (r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.name}</Typography.Text>
          {r.description ? <Typography.Text type="secondary">{r.description}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      key: "updated_at",
      title: t("fineTuningPage.templates.updated"),
      render: (r) => formatDate(r.updated_at),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (r) => (
        <Space size={4}>
          <PermissionGuard action="fine_tuning.job.create" projectId={projectId}>
            <Button
              size="small"
              type="link"
              aria-label={t("fineTuningPage.templates.useOf", { name: r.name })}
              onClick={() => navigate(paths.fromTemplate(r.id))}
            >
              {t("fineTuningPage.templates.use")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="fine_tuning.template.delete" projectId={projectId}>
            <Button
              size="small"
              type="link"
              danger
              aria-label={t("fineTuningPage.templates.deleteOf", { name: r.name })}
              onClick={() => setDeleting(r)}
            >
              {t("common.delete")}
            </Button>
          </PermissionGuard>
        </Space>
      ),
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("fineTuningPage.templates.drawerTitle")}
      size="large"
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("fineTuningPage.templates.hint")}</Typography.Paragraph>
      {open ? (
        <DataTable<FineTuneTemplate>
          ariaLabel={t("fineTuningPage.templates.drawerTitle")}
          list={(q) => api.fineTuning.templates.list(projectId, pageQuery(q))}
          exportCsv={(q) => api.fineTuning.templates.exportCsv(projectId, exportQuery(q))}
          exportJson={(q) => api.fineTuning.templates.exportJson(projectId, exportQuery(q))}
          exportName="fine-tuning-templates"
          queryKey={key}
          columns={columns}
          rowKey={(r) => r.id}
          empty={<EmptyState title={t("fineTuningPage.templates.empty")} />}
        />
      ) : null}
      <ConfirmDialog
        open={Boolean(deleting)}
        danger
        confirmText={t("common.delete")}
        title={t("fineTuningPage.templates.deleteTitle", { name: deleting?.name ?? "" })}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          const { auditEventIds } = await audited((c) => c.fineTuning.templates.delete(deleting.id));
          toast(t("fineTuningPage.templates.deleted", { name: deleting.name }), {
            tenantId,
            projectId,
            resourceId: deleting.id,
            action: "fine_tuning.template.delete",
            eventIds: auditEventIds,
          });
          setDeleting(null);
          await queryClient.invalidateQueries({ queryKey: key });
        }}
      >
        <Typography.Paragraph>{t("fineTuningPage.templates.deleteBody")}</Typography.Paragraph>
      </ConfirmDialog>
    </Drawer>
  );
}
