import { PlusOutlined } from "@ant-design/icons";
import { type Project, WEBHOOK_EVENT_TYPES, type Webhook, type WebhookWithSecret } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Form, Input, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { CopySecretOnceDialog } from "../../../components/dialogs/copy-secret-once-dialog";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { InlineError } from "../../../components/error-state/inline-error";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { WebhookDeliveriesDrawer } from "./webhook-deliveries-drawer";

interface CreateValues {
  url: string;
  events: string[];
  description?: string;
}
type Pending = { kind: "toggle" | "rotate" | "delete"; hook: Webhook };

const isHttpUrl = (s: string) => {
  try {
    const u = new URL(s.trim());
    return (u.protocol === "http:" || u.protocol === "https:") && s.trim().length <= 2048;
  } catch {
    return false;
  }
};

/** Seed 004 FR49–FR51: the project's webhooks for fine-tuning job events; secrets are shown once. */
export function WebhooksTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const [form] = Form.useForm<CreateValues>();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const key = ["projects", project.id, "webhooks"] as const;
  const guard = { projectId: project.id, tenantId: project.tenant_id };
  const target = (id: string, action: string, eventIds: string[]) => ({
    tenantId: project.tenant_id,
    projectId: project.id,
    resourceId: id,
    action,
    eventIds,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const eventOptions = WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: t(`webhooks.event.${e}`) }));

  const closeCreate = () => {
    form.resetFields();
    setCreateError(null);
    setCreating(false);
  };
  const [submitCreate, submitting] = useSubmitOnce(async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setCreateError(null);
    try {
      const { result, auditEventIds } = await audited((c) =>
        c.webhooks.create(project.id, {
          url: values.url.trim(),
          events: values.events as (typeof WEBHOOK_EVENT_TYPES)[number][],
          description: values.description ?? "",
        }),
      );
      closeCreate();
      setSecret(result);
      toast(
        t("webhooks.created", { url: result.url }),
        target(result.id, "project.webhook.create", auditEventIds),
      );
      await refresh();
    } catch (e) {
      setCreateError(e);
    }
  });

  const sendTest = async (hook: Webhook) => {
    const { auditEventIds } = await audited((c) => c.webhooks.test(hook.id));
    toast(t("webhooks.tested", { url: hook.url }), target(hook.id, "project.webhook.test", auditEventIds));
  };

  const createButton = (
    <PermissionGuard action="project.webhook.create" {...guard}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t("webhooks.create")}
      </Button>
    </PermissionGuard>
  );
  const columns: DataTableColumn<Webhook>[] = [
    {
      key: "url",
      title: t("webhooks.url"),
      render: (h) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text code>{h.url}</Typography.Text>
          {h.description ? <Typography.Text type="secondary">{h.description}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      key: "events",
      title: t("webhooks.events"),
      render: (h) => (
        <Space size={[0, 4]} wrap>
          {h.events.map((e) => (
            <Tag key={e}>{t(`webhooks.event.${e}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: "enabled",
      title: t("webhooks.status"),
      render: (h) => (
        <Tag color={h.enabled ? "green" : "default"}>{h.enabled ? t("webhooks.on") : t("webhooks.off")}</Tag>
      ),
    },
    { key: "created_at", title: t("common.createdAt"), render: (h) => formatDate(h.created_at) },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (h) => (
        <Space size={4} wrap>
          <PermissionGuard action="project.webhook.delivery.list" {...guard}>
            <Button
              size="small"
              type="link"
              onClick={() => setViewing(h)}
              aria-label={t("webhooks.deliveriesOf", { url: h.url })}
            >
              {t("webhooks.deliveries")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="project.webhook.test" {...guard}>
            <Button
              size="small"
              type="link"
              onClick={() => void sendTest(h)}
              aria-label={t("webhooks.testOf", { url: h.url })}
            >
              {t("webhooks.test")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="project.webhook.update" {...guard}>
            <Button
              size="small"
              type="link"
              onClick={() => setPending({ kind: "toggle", hook: h })}
              aria-label={t(h.enabled ? "webhooks.disableOf" : "webhooks.enableOf", { url: h.url })}
            >
              {h.enabled ? t("users.disable") : t("users.enable")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="project.webhook.rotate_secret" {...guard}>
            <Button
              size="small"
              type="link"
              onClick={() => setPending({ kind: "rotate", hook: h })}
              aria-label={t("webhooks.rotateOf", { url: h.url })}
            >
              {t("webhooks.rotate")}
            </Button>
          </PermissionGuard>
          <PermissionGuard action="project.webhook.delete" {...guard}>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setPending({ kind: "delete", hook: h })}
              aria-label={t("webhooks.deleteOf", { url: h.url })}
            >
              {t("common.delete")}
            </Button>
          </PermissionGuard>
        </Space>
      ),
    },
  ];

  const confirm = async () => {
    if (!pending) return;
    const { hook } = pending;
    if (pending.kind === "delete") {
      const { auditEventIds } = await audited((c) => c.webhooks.delete(hook.id));
      toast(
        t("webhooks.deleted", { url: hook.url }),
        target(hook.id, "project.webhook.delete", auditEventIds),
      );
    } else if (pending.kind === "rotate") {
      const { result, auditEventIds } = await audited((c) => c.webhooks.rotateSecret(hook.id));
      toast(
        t("webhooks.rotated", { url: hook.url }),
        target(hook.id, "project.webhook.rotate_secret", auditEventIds),
      );
      setSecret(result);
    } else {
      const { auditEventIds } = await audited((c) => c.webhooks.update(hook.id, { enabled: !hook.enabled }));
      toast(
        t(hook.enabled ? "webhooks.disabledToast" : "webhooks.enabledToast", { url: hook.url }),
        target(hook.id, "project.webhook.update", auditEventIds),
      );
    }
    setPending(null);
    await refresh();
  };

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <Typography.Text type="secondary">{t("webhooks.hint")}</Typography.Text>
        {createButton}
      </Space>
      <DataTable<Webhook>
        ariaLabel={t("webhooks.tab")}
        list={(q) => api.webhooks.list(project.id, pageQuery(q))}
        exportCsv={(q) => api.webhooks.exportCsv(project.id, exportQuery(q))}
        exportJson={(q) => api.webhooks.exportJson(project.id, exportQuery(q))}
        exportName="webhooks"
        queryKey={key}
        columns={columns}
        rowKey={(h) => h.id}
        empty={
          <EmptyState title={t("webhooks.empty")} description={t("webhooks.hint")} actions={createButton} />
        }
      />
      <Modal
        open={creating}
        title={t("webhooks.createTitle")}
        okText={t("webhooks.create")}
        cancelText={t("common.cancel")}
        okButtonProps={{ loading: submitting }}
        onOk={() => void submitCreate()}
        onCancel={closeCreate}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ events: [...WEBHOOK_EVENT_TYPES] }}>
          <Form.Item
            name="url"
            label={t("webhooks.url")}
            rules={[
              { required: true, whitespace: true, message: t("webhooks.urlRequired") },
              {
                validator: (_, v: string | undefined) =>
                  !v || isHttpUrl(v)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("webhooks.urlInvalid"))),
              },
            ]}
          >
            <Input maxLength={2048} autoComplete="off" placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="events"
            label={t("webhooks.events")}
            rules={[{ required: true, type: "array", min: 1, message: t("webhooks.eventsRequired") }]}
          >
            <Checkbox.Group options={eventOptions} />
          </Form.Item>
          <Form.Item name="description" label={t("webhooks.description")} rules={[{ max: 500 }]}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
        {createError ? <InlineError error={createError} /> : null}
      </Modal>
      <CopySecretOnceDialog
        open={Boolean(secret)}
        title={t("webhooks.secretTitle")}
        secret={secret?.secret ?? ""}
        description={t("webhooks.secretUsage")}
        onDone={() => setSecret(null)}
      />
      <ConfirmDialog
        open={Boolean(pending)}
        danger={pending?.kind === "delete"}
        title={
          pending?.kind === "delete"
            ? t("webhooks.deleteTitle", { url: pending.hook.url })
            : pending?.kind === "rotate"
              ? t("webhooks.rotateTitle", { url: pending.hook.url })
              : t(pending?.hook.enabled ? "webhooks.disableOf" : "webhooks.enableOf", {
                  url: pending?.hook.url ?? "",
                })
        }
        confirmText={pending?.kind === "rotate" ? t("webhooks.rotateConfirm") : undefined}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        {pending?.kind === "delete" ? (
          <Typography.Paragraph>{t("webhooks.deleteBody")}</Typography.Paragraph>
        ) : pending?.kind === "rotate" ? (
          <Typography.Paragraph>{t("webhooks.rotateBody")}</Typography.Paragraph>
        ) : null}
      </ConfirmDialog>
      <WebhookDeliveriesDrawer webhook={viewing} project={project} onClose={() => setViewing(null)} />
    </>
  );
}
