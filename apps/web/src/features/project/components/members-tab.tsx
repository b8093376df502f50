import { UserAddOutlined } from "@ant-design/icons";
import type { Project, ProjectMember, ProjectRole } from "@infera/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Form, Input, Modal, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { EditRoleDialog } from "../../../components/dialogs/edit-role-dialog";
import { ReviewChangesDialog } from "../../../components/dialogs/review-changes-dialog";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { projectRoles } from "../../../shared/roles";

interface AddValues {
  user_id: string;
  role: ProjectRole;
  note?: string;
}

/** §4.3.2 B: members, add from tenant users, change role, remove; the server refuses to lose the last Owner. */
export function MembersTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const [adding, setAdding] = useState(false);
  const [review, setReview] = useState<AddValues | null>(null);
  const [editing, setEditing] = useState<ProjectMember | null>(null);
  const [removing, setRemoving] = useState<ProjectMember | null>(null);
  const [form] = Form.useForm<AddValues>();
  const key = ["projects", project.id, "members"] as const;
  const roleOptions = projectRoles.map((r) => ({ value: r, label: t(`roles.project.${r}`) }));
  const guard = { projectId: project.id, tenantId: project.tenant_id };
  const users = useQuery({
    queryKey: ["tenants", project.tenant_id, "users", "all"],
    queryFn: () => api.tenantUsers.list(project.tenant_id, { limit: 200 }),
    enabled: adding,
  });
  const userLabel = (id: string) => {
    const u = users.data?.data.find((x) => x.user_id === id);
    return u ? (u.name ? `${u.name} <${u.email}>` : u.email) : id;
  };
  const target = (userId: string, action: string, eventIds: string[]) => ({
    tenantId: project.tenant_id,
    projectId: project.id,
    resourceId: `${project.id}/${userId}`,
    action,
    eventIds,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  const addButton = (
    <PermissionGuard action="project.member.add" {...guard}>
      <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
        {t("members.add")}
      </Button>
    </PermissionGuard>
  );
  const columns: DataTableColumn<ProjectMember>[] = [
    { key: "name", title: t("members.user"), render: (m) => m.name || m.email.split("@")[0] },
    { key: "email", title: t("common.email") },
    { key: "role", title: t("members.role"), render: (m) => t(`roles.project.${m.role}`) },
    { key: "note", title: t("members.note"), defaultHidden: true, render: (m) => m.note || "—" },
    { key: "created_at", title: t("members.joined"), render: (m) => formatDate(m.created_at) },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (m) => (
        <Space size={4} wrap>
          <PermissionGuard action="project.member.update" {...guard}>
            <Button
              size="small"
              type="link"
              onClick={() => setEditing(m)}
              aria-label={t("members.changeRoleOf", { email: m.email })}
            >
              {t("members.changeRole")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="project.member.remove" {...guard}>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setRemoving(m)}
              aria-label={t("members.removeOf", { email: m.email })}
            >
              {t("members.remove")}
            </Button>
          </PermissionGuard>
        </Space>
      ),
    },
  ];
  const closeAdd = () => {
    form.resetFields();
    setReview(null);
    setAdding(false);
  };

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <Typography.Text type="secondary">{t("members.lastOwnerHint")}</Typography.Text>
        {addButton}
      </Space>
      <DataTable<ProjectMember>
        ariaLabel={t("settings.members")}
        list={(q) => api.members.list(project.id, pageQuery(q))}
        exportCsv={(q) => api.members.exportCsv(project.id, exportQuery(q))}
        exportJson={(q) => api.members.exportJson(project.id, exportQuery(q))}
        exportName="members"
        queryKey={key}
        columns={columns}
        rowKey={(m) => m.user_id}
        filters={[{ key: "role", label: t("members.role"), type: "select", options: roleOptions }]}
        empty={<EmptyState title={t("members.empty")} actions={addButton} />}
      />
      <Modal
        open={adding && !review}
        title={t("members.addTitle")}
        okText={t("dialogs.review")}
        cancelText={t("common.cancel")}
        onOk={() => void form.validateFields().then(setReview)}
        onCancel={closeAdd}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ role: "developer" }}>
          <Form.Item
            name="user_id"
            label={t("members.pickUser")}
            rules={[{ required: true, message: t("projects.pickUser") }]}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              aria-label={t("members.pickUser")}
              loading={users.isPending}
              options={(users.data?.data ?? [])
                .filter((u) => u.status === "active")
                .map((u) => ({ value: u.user_id, label: u.name ? `${u.name} <${u.email}>` : u.email }))}
            />
          </Form.Item>
          <Form.Item name="role" label={t("members.role")} rules={[{ required: true }]}>
            <Select aria-label={t("members.role")} options={roleOptions} />
          </Form.Item>
          <Form.Item name="note" label={t("members.note")} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <ReviewChangesDialog
        open={Boolean(review)}
        title={t("members.addTitle")}
        summary={
          review
            ? [
                { label: t("members.user"), value: userLabel(review.user_id) },
                { label: t("members.role"), value: t(`roles.project.${review.role}`) },
              ]
            : []
        }
        before={null}
        after={
          review ? { user: userLabel(review.user_id), role: review.role, note: review.note ?? "" } : null
        }
        onCancel={() => setReview(null)}
        onConfirm={async () => {
          if (!review) return;
          const { result: m, auditEventIds } = await audited((c) =>
            c.members.add(project.id, {
              user_id: review.user_id,
              role: review.role,
              note: review.note ?? "",
            }),
          );
          closeAdd();
          await refresh();
          toast(
            t("members.added", { email: m.email }),
            target(m.user_id, "project.member.add", auditEventIds),
          );
        }}
      />
      <EditRoleDialog
        open={Boolean(editing)}
        title={t("members.changeRoleTitle", { email: editing?.email ?? "" })}
        subject={editing?.email ?? ""}
        current={editing?.role ?? "viewer"}
        options={roleOptions}
        onCancel={() => setEditing(null)}
        onSubmit={async (role) => {
          if (!editing) return;
          const { auditEventIds } = await audited((c) =>
            c.members.update(project.id, editing.user_id, { role: role as ProjectRole }),
          );
          toast(
            t("members.roleChanged", { email: editing.email }),
            target(editing.user_id, "project.member.update", auditEventIds),
          );
          setEditing(null);
          await refresh();
        }}
      />
      <ConfirmDialog
        open={Boolean(removing)}
        danger
        title={t("members.removeTitle", { email: removing?.email ?? "" })}
        confirmText={t("members.remove")}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { auditEventIds } = await audited((c) => c.members.remove(project.id, removing.user_id));
          toast(
            t("members.removed", { email: removing.email }),
            target(removing.user_id, "project.member.remove", auditEventIds),
          );
          setRemoving(null);
          await refresh();
        }}
      >
        <Typography.Paragraph>{t("members.removeBody")}</Typography.Paragraph>
      </ConfirmDialog>
    </>
  );
}
