import { PlusOutlined } from "@ant-design/icons";
import type { Project } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Space } from "antd";
import { lazy, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { OnceOpened } from "../../../components/once-opened/once-opened";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { tenantKeys } from "../../../shared/tenancy";
import { PageHeader } from "../../../shell/page-header";

// Dialogs are their own chunks (forms, selects, radios): the list renders without them.
const CreateProjectDialog = lazy(() =>
  import("../components/create-project-dialog").then((m) => ({ default: m.CreateProjectDialog })),
);
const DeleteProjectDialog = lazy(() =>
  import("../../../shared/delete-project-dialog").then((m) => ({ default: m.DeleteProjectDialog })),
);

/** §4.2.2: the tenant's projects, create dialog, delete with the name typed and dependants listed. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const { formatDate } = usePreferences();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Project | null>(null);
  const base = `/t/${encodeURIComponent(tenantId)}`;
  const projectPath = (p: Project, page: string) => `${base}/p/${encodeURIComponent(p.id)}/${page}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: tenantKeys.projects(tenantId) });

  const createButton = (
    <PermissionGuard action="project.create" tenantId={tenantId}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t("projects.create")}
      </Button>
    </PermissionGuard>
  );
  const columns: DataTableColumn<Project>[] = [
    {
      key: "name",
      title: t("projects.name"),
      sortable: true,
      render: (p) => <Link to={projectPath(p, "dashboard")}>{p.name}</Link>,
    },
    { key: "env", title: t("projects.env"), render: (p) => <StatusBadge kind="env" value={p.env} /> },
    { key: "owner", title: t("projects.owner"), render: (p) => p.owner_email ?? "—" },
    {
      key: "role",
      title: t("projects.yourRole"),
      render: (p) => (p.role ? t(`roles.project.${p.role}`) : "—"),
    },
    {
      key: "description",
      title: t("common.description"),
      defaultHidden: true,
      render: (p) => p.description || "—",
    },
    {
      key: "updated_at",
      title: t("common.updatedAt"),
      sortable: true,
      render: (p) => formatDate(p.updated_at),
    },
    {
      key: "created_at",
      title: t("common.createdAt"),
      sortable: true,
      defaultHidden: true,
      render: (p) => formatDate(p.created_at),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (p) => (
        <Space size={4} wrap>
          <Button
            size="small"
            type="link"
            onClick={() => navigate(projectPath(p, "dashboard"))}
            aria-label={t("projects.enterNamed", { name: p.name })}
          >
            {t("projects.enter")}
          </Button>
          <Button
            size="small"
            type="link"
            onClick={() => navigate(projectPath(p, "settings"))}
            aria-label={t("projects.settingsNamed", { name: p.name })}
          >
            {t("nav.settings")}
          </Button>
          <PermissionGuard action="project.delete" projectId={p.id}>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setDeleting(p)}
              aria-label={t("projects.deleteNamed", { name: p.name })}
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
      <PageHeader title={t("nav.projects")} description={t("projects.description")} primary={createButton} />
      <DataTable<Project>
        ariaLabel={t("nav.projects")}
        list={(q) => api.projects.list(tenantId, pageQuery(q))}
        exportCsv={(q) => api.projects.exportCsv(tenantId, exportQuery(q))}
        exportJson={(q) => api.projects.exportJson(tenantId, exportQuery(q))}
        exportName="projects"
        queryKey={tenantKeys.projects(tenantId)}
        columns={columns}
        rowKey={(p) => p.id}
        searchPlaceholder={t("projects.search")}
        filters={[
          {
            key: "env",
            label: t("projects.env"),
            type: "select",
            options: [
              { value: "dev", label: "Dev" },
              { value: "test", label: "Test" },
              { value: "prod", label: "Prod" },
            ],
          },
        ]}
        empty={
          <EmptyState
            title={t("projects.empty")}
            description={t("projects.emptyHint")}
            actions={createButton}
          />
        }
      />
      <OnceOpened open={creating}>
        <CreateProjectDialog
          tenantId={tenantId}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(p, auditEventIds) => {
            setCreating(false);
            void refresh();
            toast(
              t("projects.created", { name: p.name }),
              {
                tenantId,
                projectId: p.id,
                resourceId: p.id,
                action: "project.create",
                eventIds: auditEventIds,
              },
              <a
                href={projectPath(p, "dashboard")}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(projectPath(p, "dashboard"));
                }}
              >
                {t("projects.enter")}
              </a>,
            );
          }}
        />
      </OnceOpened>
      <OnceOpened open={deleting !== null}>
        <DeleteProjectDialog
          project={deleting}
          onCancel={() => setDeleting(null)}
          onDeleted={(p, auditEventIds) => {
            setDeleting(null);
            void refresh();
            // A deleted project's own audit list is gone with it: the tenant audit keeps the record.
            toast(t("projects.deleted", { name: p.name }), {
              tenantId,
              resourceId: p.id,
              action: "project.delete",
              eventIds: auditEventIds,
            });
          }}
        />
      </OnceOpened>
    </>
  );
}
