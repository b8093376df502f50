import { PlusOutlined } from "@ant-design/icons";
import type { IssuedToken, Project, ProjectRole, ServiceAccount } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Form, Input, Modal, Select, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { CopySecretOnceDialog } from "../../../components/dialogs/copy-secret-once-dialog";
import { ReviewChangesDialog } from "../../../components/dialogs/review-changes-dialog";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { projectRoles } from "../../../shared/roles";

interface CreateValues {
  name: string;
  role: ProjectRole;
  note?: string;
}
type Pending = { kind: "status" | "delete"; sa: ServiceAccount };

/** §4.3.2 C: service accounts; tokens are issued or rotated and shown once. */
export function ServiceAccountsTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const [form] = Form.useForm<CreateValues>();
  const [creating, setCreating] = useState(false);
  const [review, setReview] = useState<CreateValues | null>(null);
  const [issuing, setIssuing] = useState<ServiceAccount | null>(null);
  const [revokeExisting, setRevokeExisting] = useState(false);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const key = ["projects", project.id, "service-accounts"] as const;
  const guard = { projectId: project.id, tenantId: project.tenant_id };
  const roleOptions = projectRoles.map((r) => ({ value: r, label: t(`roles.project.${r}`) }));
  const target = (id: string, action: string, eventIds: string[]) => ({
    tenantId: project.tenant_id,
    projectId: project.id,
    resourceId: id,
    action,
    eventIds,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const createButton = (
    <PermissionGuard action="project.service_account.create" {...guard}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t("serviceAccounts.create")}
      </Button>
    </PermissionGuard>
  );
  const columns: DataTableColumn<ServiceAccount>[] = [
    { key: "name", title: t("common.name") },
    { key: "role", title: t("members.role"), render: (s) => t(`roles.project.${s.role}`) },
    {
      key: "status",
      title: t("users.status"),
      render: (s) => <StatusBadge kind="account_status" value={s.status} />,
    },
    { key: "active_tokens", title: t("serviceAccounts.activeTokens") },
    { key: "last_used_at", title: t("serviceAccounts.lastUsed"), render: (s) => formatDate(s.last_used_at) },
    { key: "created_at", title: t("common.createdAt"), render: (s) => formatDate(s.created_at) },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (s) => (
        <Space size={4} wrap>
          <PermissionGuard action="project.service_account.token.issue" {...guard}>
            <Button
              size="small"
              type="link"
              disabled={s.status !== "active"}
              onClick={() => {
                setRevokeExisting(s.active_tokens > 0);
                setIssuing(s);
              }}
              aria-label={t("serviceAccounts.issueOf", { name: s.name })}
            >
              {s.active_tokens > 0 ? t("serviceAccounts.rotate") : t("serviceAccounts.issue")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="project.service_account.update" {...guard}>
            <Button
              size="small"
              type="link"
              onClick={() => setPending({ kind: "status", sa: s })}
              aria-label={t(
                s.status === "active" ? "serviceAccounts.disableOf" : "serviceAccounts.enableOf",
                { name: s.name },
              )}
            >
              {s.status === "active" ? t("users.disable") : t("users.enable")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="project.service_account.delete" {...guard}>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setPending({ kind: "delete", sa: s })}
              aria-label={t("serviceAccounts.deleteOf", { name: s.name })}
            >
              {t("common.delete")}
            </Button>
          </PermissionGuard>
        </Space>
      ),
    },
  ];
  const closeCreate = () => {
    form.resetFields();
    setReview(null);
    setCreating(false);
  };

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <Typography.Text type="secondary">{t("serviceAccounts.hint")}</Typography.Text>
        {createButton}
      </Space>
      <DataTable<ServiceAccount>
        ariaLabel={t("settings.serviceAccounts")}
        list={(q) => api.serviceAccounts.list(project.id, pageQuery(q))}
        exportCsv={(q) => api.serviceAccounts.exportCsv(project.id, exportQuery(q))}
        exportJson={(q) => api.serviceAccounts.exportJson(project.id, exportQuery(q))}
        exportName="service-accounts"
        queryKey={key}
        columns={columns}
        rowKey={(s) => s.id}
        empty={
          <EmptyState
            title={t("serviceAccounts.empty")}
            description={t("serviceAccounts.hint")}
            actions={createButton}
          />
        }
      />
      <Modal
        open={creating && !review}
        title={t("serviceAccounts.createTitle")}
        okText={t("dialogs.review")}
        cancelText={t("common.cancel")}
        onOk={() => void form.validateFields().then(setReview)}
        onCancel={closeCreate}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ role: "developer" }}>
          <Form.Item
            name="name"
            label={t("common.name")}
            rules={[
              { required: true, whitespace: true, message: t("projects.nameRequired") },
              { min: 2, max: 64, message: t("projects.nameLength") },
            ]}
          >
            <Input maxLength={64} autoComplete="off" />
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
        title={t("serviceAccounts.createTitle")}
        summary={
          review
            ? [
                { label: t("common.name"), value: review.name },
                { label: t("members.role"), value: t(`roles.project.${review.role}`) },
              ]
            : []
        }
        before={null}
        after={review ? { name: review.name.trim(), role: review.role, note: review.note ?? "" } : null}
        onCancel={() => setReview(null)}
        onConfirm={async () => {
          if (!review) return;
          const { result: sa, auditEventIds } = await audited((c) =>
            c.serviceAccounts.create(project.id, {
              name: review.name.trim(),
              role: review.role,
              note: review.note ?? "",
            }),
          );
          closeCreate();
          await refresh();
          toast(
            t("serviceAccounts.created", { name: sa.name }),
            target(sa.id, "project.service_account.create", auditEventIds),
          );
        }}
      />
      <ConfirmDialog
        open={Boolean(issuing)}
        title={t("serviceAccounts.issueTitle", { name: issuing?.name ?? "" })}
        confirmText={t("serviceAccounts.issueConfirm")}
        onCancel={() => setIssuing(null)}
        onConfirm={async () => {
          if (!issuing) return;
          const { result: token, auditEventIds } = await audited((c) =>
            c.serviceAccounts.issueToken(project.id, issuing.id, { revoke_existing: revokeExisting }),
          );
          toast(
            t("serviceAccounts.issued", { name: issuing.name, count: token.revoked_token_ids.length }),
            target(issuing.id, "project.service_account.token.issue", auditEventIds),
          );
          setIssuing(null);
          setIssued(token);
          await refresh();
        }}
      >
        <Space orientation="vertical">
          <Typography.Paragraph>{t("serviceAccounts.issueBody")}</Typography.Paragraph>
          <Space>
            <Switch
              checked={revokeExisting}
              onChange={setRevokeExisting}
              aria-label={t("serviceAccounts.revokeExisting")}
            />
            <span>{t("serviceAccounts.revokeExisting", { count: issuing?.active_tokens ?? 0 })}</span>
          </Space>
        </Space>
      </ConfirmDialog>
      <CopySecretOnceDialog
        open={Boolean(issued)}
        title={t("serviceAccounts.tokenTitle")}
        secret={issued?.token ?? ""}
        description={
          issued && issued.revoked_token_ids.length > 0
            ? t("serviceAccounts.revokedCount", { count: issued.revoked_token_ids.length })
            : t("serviceAccounts.tokenUsage")
        }
        onDone={() => setIssued(null)}
      />
      <ConfirmDialog
        open={Boolean(pending)}
        danger={pending?.kind === "delete" || pending?.sa.status === "active"}
        title={
          pending?.kind === "delete"
            ? t("serviceAccounts.deleteTitle", { name: pending.sa.name })
            : t(
                pending?.sa.status === "active"
                  ? "serviceAccounts.disableTitle"
                  : "serviceAccounts.enableTitle",
                {
                  name: pending?.sa.name ?? "",
                },
              )
        }
        onCancel={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          const { sa } = pending;
          if (pending.kind === "delete") {
            const { auditEventIds } = await audited((c) => c.serviceAccounts.delete(project.id, sa.id));
            toast(
              t("serviceAccounts.deleted", { name: sa.name }),
              target(sa.id, "project.service_account.delete", auditEventIds),
            );
          } else {
            const status = sa.status === "active" ? "disabled" : "active";
            const { auditEventIds } = await audited((c) =>
              c.serviceAccounts.update(project.id, sa.id, { status }),
            );
            toast(
              t(status === "disabled" ? "serviceAccounts.disabled" : "serviceAccounts.enabled", {
                name: sa.name,
              }),
              target(sa.id, "project.service_account.update", auditEventIds),
            );
          }
          setPending(null);
          await refresh();
        }}
      >
        <Typography.Paragraph>
          {pending?.kind === "delete"
            ? t("serviceAccounts.deleteBody")
            : pending?.sa.status === "active"
              ? t("serviceAccounts.disableBody")
              : t("serviceAccounts.enableBody")}
        </Typography.Paragraph>
      </ConfirmDialog>
    </>
  );
}
