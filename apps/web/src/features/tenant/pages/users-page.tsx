import { UserAddOutlined } from "@ant-design/icons";
import type { Invitation, TenantUser } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Space, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { EditRoleDialog } from "../../../components/dialogs/edit-role-dialog";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { usePermissions } from "../../../permissions/use-permissions";
import { tenantRoles } from "../../../shared/roles";
import { PageHeader } from "../../../shell/page-header";
import { InviteUsersDialog } from "../components/invite-users-dialog";

type Pending =
  | { kind: "status"; user: TenantUser }
  | { kind: "remove"; user: TenantUser }
  | { kind: "revoke"; invitation: Invitation };

/** §4.2.3: tenant users (role, disable/enable, remove) and invitations (invite, revoke). */
export function UsersPage() {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const { formatDate } = usePreferences();
  const permissions = usePermissions(null, tenantId);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<TenantUser | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const tab = params.get("tab") === "invitations" ? "invitations" : "users";
  const usersKey = ["tenants", tenantId, "users"] as const;
  const invitationsKey = ["tenants", tenantId, "invitations"] as const;
  const roleOptions = tenantRoles.map((r) => ({ value: r, label: t(`roles.tenant.${r}`) }));
  const userTarget = (u: TenantUser, action: string, eventIds: string[]) => ({
    tenantId,
    resourceId: `${tenantId}/${u.user_id}`,
    action,
    eventIds,
  });

  const userColumns: DataTableColumn<TenantUser>[] = [
    { key: "name", title: t("common.name"), render: (u) => u.name || u.email.split("@")[0] },
    { key: "email", title: t("common.email"), sortable: true },
    { key: "role", title: t("users.role"), render: (u) => t(`roles.tenant.${u.role}`) },
    {
      key: "status",
      title: t("users.status"),
      render: (u) => <StatusBadge kind="account_status" value={u.status} />,
    },
    { key: "last_login_at", title: t("users.lastLogin"), render: (u) => formatDate(u.last_login_at) },
    {
      key: "created_at",
      title: t("common.createdAt"),
      sortable: true,
      render: (u) => formatDate(u.created_at),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (u) => (
        <Space size={4} wrap>
          <PermissionGuard action="tenant.user.update" tenantId={tenantId}>
            <Button
              size="small"
              type="link"
              onClick={() => setEditing(u)}
              aria-label={t("users.editRoleOf", { email: u.email })}
            >
              {t("users.editRole")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="tenant.user.update" tenantId={tenantId}>
            <Button
              size="small"
              type="link"
              onClick={() => setPending({ kind: "status", user: u })}
              aria-label={t(u.status === "active" ? "users.disableOf" : "users.enableOf", { email: u.email })}
            >
              {u.status === "active" ? t("users.disable") : t("users.enable")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="tenant.user.delete" tenantId={tenantId}>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setPending({ kind: "remove", user: u })}
              aria-label={t("users.removeOf", { email: u.email })}
            >
              {t("users.remove")}
            </Button>
          </PermissionGuard>
        </Space>
      ),
    },
  ];

  const invitationColumns: DataTableColumn<Invitation>[] = [
    { key: "email", title: t("common.email") },
    { key: "role", title: t("users.role"), render: (i) => t(`roles.tenant.${i.role}`) },
    { key: "projects", title: t("invite.projects"), render: (i) => i.projects.length || "—" },
    {
      key: "status",
      title: t("users.status"),
      render: (i) => <StatusBadge kind="invitation_status" value={i.status} />,
    },
    { key: "expires_at", title: t("invite.expiresAt"), render: (i) => formatDate(i.expires_at) },
    { key: "created_at", title: t("common.createdAt"), render: (i) => formatDate(i.created_at) },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (i) =>
        i.status === "pending" ? (
          <PermissionGuard action="tenant.invitation.revoke" tenantId={tenantId}>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setPending({ kind: "revoke", invitation: i })}
              aria-label={t("invite.revokeOf", { email: i.email })}
            >
              {t("invite.revoke")}
            </Button>
          </PermissionGuard>
        ) : null,
    },
  ];

  const inviteButton = (
    <PermissionGuard action="tenant.invitation.create" tenantId={tenantId}>
      <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)}>
        {t("invite.open")}
      </Button>
    </PermissionGuard>
  );
  const canListInvitations = permissions.can("tenant.invitation.list");

  const confirm = async () => {
    if (!pending) return;
    if (pending.kind === "status") {
      const status = pending.user.status === "active" ? "disabled" : "active";
      const { auditEventIds } = await audited((c) =>
        c.tenantUsers.update(tenantId, pending.user.user_id, { status }),
      );
      toast(
        t(status === "disabled" ? "users.disabled" : "users.enabled", { email: pending.user.email }),
        userTarget(pending.user, "tenant.user.update", auditEventIds),
      );
    } else if (pending.kind === "remove") {
      const { auditEventIds } = await audited((c) => c.tenantUsers.remove(tenantId, pending.user.user_id));
      toast(
        t("users.removed", { email: pending.user.email }),
        userTarget(pending.user, "tenant.user.delete", auditEventIds),
      );
    } else {
      const { auditEventIds } = await audited((c) => c.invitations.revoke(tenantId, pending.invitation.id));
      toast(t("invite.revoked", { email: pending.invitation.email }), {
        tenantId,
        resourceId: pending.invitation.id,
        action: "tenant.invitation.revoke",
        eventIds: auditEventIds,
      });
    }
    setPending(null);
    await queryClient.invalidateQueries({ queryKey: pending.kind === "revoke" ? invitationsKey : usersKey });
  };

  return (
    <>
      <PageHeader title={t("nav.users")} description={t("users.description")} primary={inviteButton} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === "users" ? {} : { tab: k }, { replace: true })}
        items={[
          {
            key: "users",
            label: t("users.tabUsers"),
            children: (
              <DataTable<TenantUser>
                ariaLabel={t("users.tabUsers")}
                list={(q) => api.tenantUsers.list(tenantId, pageQuery(q))}
                exportCsv={(q) => api.tenantUsers.exportCsv(tenantId, exportQuery(q))}
                exportJson={(q) => api.tenantUsers.exportJson(tenantId, exportQuery(q))}
                exportName="tenant-users"
                queryKey={usersKey}
                columns={userColumns}
                rowKey={(u) => u.user_id}
                searchPlaceholder={t("users.search")}
                filters={[
                  { key: "role", label: t("users.role"), type: "select", options: roleOptions },
                  {
                    key: "status",
                    label: t("users.status"),
                    type: "select",
                    options: [
                      { value: "active", label: t("status.account_status.active") },
                      { value: "disabled", label: t("status.account_status.disabled") },
                    ],
                  },
                ]}
                empty={<EmptyState title={t("users.empty")} actions={inviteButton} />}
              />
            ),
          },
          {
            key: "invitations",
            label: t("users.tabInvitations"),
            children: canListInvitations.allowed ? (
              <DataTable<Invitation>
                ariaLabel={t("users.tabInvitations")}
                list={(q) => api.invitations.list(tenantId, pageQuery(q))}
                exportCsv={(q) => api.invitations.exportCsv(tenantId, exportQuery(q))}
                exportJson={(q) => api.invitations.exportJson(tenantId, exportQuery(q))}
                exportName="invitations"
                queryKey={invitationsKey}
                columns={invitationColumns}
                rowKey={(i) => i.id}
                filters={[
                  {
                    key: "status",
                    label: t("users.status"),
                    type: "select",
                    options: (["pending", "accepted", "revoked", "expired"] as const).map((s) => ({
                      value: s,
                      label: t(`status.invitation_status.${s}`),
                    })),
                  },
                ]}
                empty={
                  <EmptyState
                    title={t("invite.empty")}
                    description={t("invite.emptyHint")}
                    actions={inviteButton}
                  />
                }
              />
            ) : permissions.isLoading ? null : (
              <Alert type="info" showIcon title={canListInvitations.reason ?? t("permissions.notAllowed")} />
            ),
          },
        ]}
      />
      <InviteUsersDialog
        tenantId={tenantId}
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(res, auditEventIds) => {
          void queryClient.invalidateQueries({ queryKey: invitationsKey });
          const first = res.data[0];
          if (first)
            toast(t("invite.sent", { count: res.data.length }), {
              tenantId,
              resourceId: first.id,
              action: "tenant.invitation.create",
              eventIds: auditEventIds,
            });
        }}
      />
      <EditRoleDialog
        open={Boolean(editing)}
        title={t("users.editRoleTitle", { email: editing?.email ?? "" })}
        subject={editing?.email ?? ""}
        current={editing?.role ?? "member"}
        options={roleOptions}
        onCancel={() => setEditing(null)}
        onSubmit={async (role) => {
          if (!editing) return;
          const { auditEventIds } = await audited((c) =>
            c.tenantUsers.update(tenantId, editing.user_id, { role: role as TenantUser["role"] }),
          );
          toast(
            t("users.roleChanged", { email: editing.email }),
            userTarget(editing, "tenant.user.update", auditEventIds),
          );
          setEditing(null);
          await queryClient.invalidateQueries({ queryKey: usersKey });
        }}
      >
        {(role) =>
          role === "finance" ? <Alert type="warning" showIcon title={t("invite.financeWarning")} /> : null
        }
      </EditRoleDialog>
      <ConfirmDialog
        open={Boolean(pending)}
        danger={pending?.kind !== "status" || pending.user.status === "active"}
        title={
          pending?.kind === "status"
            ? t(pending.user.status === "active" ? "users.disableTitle" : "users.enableTitle", {
                email: pending.user.email,
              })
            : pending?.kind === "remove"
              ? t("users.removeTitle", { email: pending.user.email })
              : t("invite.revokeTitle", { email: pending?.invitation.email ?? "" })
        }
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        <Typography.Paragraph>
          {pending?.kind === "status"
            ? t(pending.user.status === "active" ? "users.disableBody" : "users.enableBody")
            : pending?.kind === "remove"
              ? t("users.removeBody")
              : t("invite.revokeBody")}
        </Typography.Paragraph>
      </ConfirmDialog>
    </>
  );
}
