import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { CreateInvitationsResult, ProjectRole, TenantRole } from "@infera/contracts";
import { Alert, Button, Form, Input, List, Modal, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { CopySecretOnceDialog } from "../../../components/dialogs/copy-secret-once-dialog";
import { audited } from "../../../lib/client";
import { parseEmails } from "../../../lib/emails";
import { projectRoles, tenantRoles } from "../../../shared/roles";
import { useTenantProjects } from "../../../shared/tenancy";

interface Values {
  emails: string;
  role: TenantRole;
  projects?: { project_id?: string; role?: ProjectRole }[];
}

/** InviteUsersDialog: a batch of emails, a tenant role, project assignments; links shown once. */
export function InviteUsersDialog({
  tenantId,
  open,
  onClose,
  onInvited,
}: {
  tenantId: string;
  open: boolean;
  onClose: () => void;
  onInvited: (result: CreateInvitationsResult, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [confirming, setConfirming] = useState<Values | null>(null);
  const [result, setResult] = useState<CreateInvitationsResult | null>(null);
  const emailsText = Form.useWatch("emails", form) ?? "";
  const role = Form.useWatch("role", form);
  const parsed = parseEmails(emailsText);
  const projects = useTenantProjects(open ? tenantId : undefined);
  const close = () => {
    form.resetFields();
    setConfirming(null);
    onClose();
  };
  const assignments = (v: Values) =>
    (v.projects ?? [])
      .filter((p): p is { project_id: string; role: ProjectRole } => Boolean(p.project_id && p.role))
      .map((p) => ({ project_id: p.project_id, role: p.role }));
  const links = result?.data ?? [];

  return (
    <>
      <Modal
        open={open && !confirming && !result}
        title={t("invite.title")}
        okText={t("invite.send")}
        cancelText={t("common.cancel")}
        onOk={() => void form.validateFields().then(setConfirming)}
        onCancel={close}
        forceRender
        width={640}
      >
        <Form form={form} layout="vertical" initialValues={{ role: "member", projects: [] }}>
          <Form.Item
            name="emails"
            label={t("invite.emails")}
            extra={t("invite.emailsHint")}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  const p = parseEmails(value ?? "");
                  if (p.unique.length === 0) throw new Error(t("invite.emailsRequired"));
                  if (p.invalid.length > 0)
                    throw new Error(t("invite.invalidEmails", { list: p.invalid.join(", ") }));
                },
              },
            ]}
          >
            <Input.TextArea rows={4} placeholder={"alice@example.com, bob@example.com"} />
          </Form.Item>
          {parsed.unique.length > 0 ? (
            <Typography.Paragraph type="secondary" role="status">
              {t("invite.parsed", { count: parsed.unique.length })}
              {parsed.duplicates.length > 0
                ? ` ${t("invite.duplicatesRemoved", { list: parsed.duplicates.join(", ") })}`
                : ""}
            </Typography.Paragraph>
          ) : null}
          <Form.Item name="role" label={t("invite.role")}>
            <Select
              aria-label={t("invite.role")}
              options={tenantRoles.map((r) => ({ value: r, label: t(`roles.tenant.${r}`) }))}
            />
          </Form.Item>
          {role === "finance" ? (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("invite.financeWarning")} />
          ) : null}
          <Form.List name="projects">
            {(fields, { add, remove }) => (
              <Form.Item label={t("invite.projects")}>
                <Space orientation="vertical" style={{ width: "100%" }}>
                  {fields.map((field, i) => (
                    <Space key={field.key} wrap>
                      <Form.Item name={[field.name, "project_id"]} noStyle rules={[{ required: true }]}>
                        <Select
                          showSearch={{ optionFilterProp: "label" }}
                          aria-label={t("invite.project", { n: i + 1 })}
                          placeholder={t("invite.pickProject")}
                          options={(projects.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                          style={{ width: 240 }}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, "role"]} noStyle initialValue="developer">
                        <Select
                          aria-label={t("invite.projectRole", { n: i + 1 })}
                          options={projectRoles.map((r) => ({ value: r, label: t(`roles.project.${r}`) }))}
                          style={{ width: 140 }}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t("projects.removeMemberRow", { n: i + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ role: "developer" })}>
                    {t("invite.addProject")}
                  </Button>
                </Space>
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
      <ConfirmDialog
        open={Boolean(confirming)}
        title={t("invite.confirmTitle")}
        confirmText={t("invite.send")}
        onCancel={() => setConfirming(null)}
        onConfirm={async () => {
          if (!confirming) return;
          const { result: res, auditEventIds } = await audited((c) =>
            c.invitations.create(tenantId, {
              emails: parseEmails(confirming.emails).unique,
              role: confirming.role,
              projects: assignments(confirming),
            }),
          );
          form.resetFields();
          setConfirming(null);
          setResult(res);
          onInvited(res, auditEventIds);
        }}
      >
        {confirming ? (
          <Typography.Paragraph>
            {t("invite.confirmBody", {
              count: parseEmails(confirming.emails).unique.length,
              role: t(`roles.tenant.${confirming.role}`),
              projects: assignments(confirming).length,
            })}
          </Typography.Paragraph>
        ) : null}
      </ConfirmDialog>
      <CopySecretOnceDialog
        open={Boolean(result)}
        title={t("invite.linksTitle", { count: links.length })}
        secret={links.map((l) => l.accept_url).join("\n")}
        description={
          <Space orientation="vertical" style={{ width: "100%" }}>
            {links.length > 0 ? (
              <List
                size="small"
                aria-label={t("invite.links")}
                dataSource={links}
                renderItem={(l) => (
                  <List.Item>
                    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                      <Typography.Text strong>{l.email}</Typography.Text>
                      <Typography.Text copyable style={{ wordBreak: "break-all" }}>
                        {l.accept_url}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ) : null}
            {result && result.skipped.length > 0 ? (
              <List
                size="small"
                header={t("invite.skipped", { count: result.skipped.length })}
                aria-label={t("invite.skippedLabel")}
                dataSource={result.skipped}
                renderItem={(s) => (
                  <List.Item>
                    {s.email} — {s.reason}
                  </List.Item>
                )}
              />
            ) : null}
          </Space>
        }
        onDone={() => {
          setResult(null);
          onClose();
        }}
      />
    </>
  );
}
