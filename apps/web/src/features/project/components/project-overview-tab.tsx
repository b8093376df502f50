import type { Project } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Descriptions, Form, Input, Radio } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ReviewChangesDialog } from "../../../components/dialogs/review-changes-dialog";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { usePermissions } from "../../../permissions/use-permissions";
import { tenantKeys } from "../../../shared/tenancy";

interface Values {
  name: string;
  env: Project["env"];
  description: string;
}

/** §4.3.2 A: name, env and description (editable by an Owner), id, created at and by. */
export function ProjectOverviewTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const [form] = Form.useForm<Values>();
  const [review, setReview] = useState<Partial<Values> | null>(null);
  const canEdit = usePermissions(project.id, project.tenant_id).can("project.update").allowed;
  const env = Form.useWatch("env", form);
  const current: Values = { name: project.name, env: project.env, description: project.description };
  const changes = (v: Values): Partial<Values> => {
    const out: Partial<Values> = {};
    if (v.name.trim() !== current.name) out.name = v.name.trim();
    if (v.env !== current.env) out.env = v.env;
    if ((v.description ?? "").trim() !== current.description) out.description = (v.description ?? "").trim();
    return out;
  };
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: "id", label: t("settings.projectId"), children: <IDBadge id={project.id} /> },
          { key: "created", label: t("common.createdAt"), children: formatDate(project.created_at) },
          {
            key: "by",
            label: t("settings.createdBy"),
            children: project.created_by ? <IDBadge id={project.created_by} /> : "—",
          },
          { key: "owner", label: t("projects.owner"), children: project.owner_email ?? "—" },
        ]}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={current}
        disabled={!canEdit}
        style={{ maxWidth: 560 }}
        onFinish={(v) => setReview(changes(v))}
      >
        <Form.Item
          name="name"
          label={t("projects.name")}
          rules={[
            { required: true, whitespace: true, message: t("projects.nameRequired") },
            { min: 2, max: 64, message: t("projects.nameLength") },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="env" label={t("projects.env")}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "dev", label: "Dev" },
              { value: "test", label: "Test" },
              { value: "prod", label: "Prod" },
            ]}
          />
        </Form.Item>
        {env === "prod" && project.env !== "prod" ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("projects.prodWarning")} />
        ) : null}
        <Form.Item name="description" label={t("common.description")} rules={[{ max: 200 }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
        <PermissionGuard action="project.update" projectId={project.id} tenantId={project.tenant_id}>
          <Button type="primary" htmlType="submit">
            {t("settings.reviewChanges")}
          </Button>
        </PermissionGuard>
      </Form>
      <ReviewChangesDialog
        open={Boolean(review)}
        title={t("settings.reviewTitle")}
        summary={Object.entries(review ?? {}).map(([k, v]) => ({
          label: k,
          value: `${String(current[k as keyof Values])} → ${String(v)}`,
        }))}
        before={current}
        after={{ ...current, ...review }}
        onCancel={() => setReview(null)}
        onConfirm={async () => {
          if (!review || Object.keys(review).length === 0) {
            setReview(null);
            return;
          }
          const { result: updated, auditEventIds } = await audited((c) =>
            c.projects.update(project.id, review),
          );
          queryClient.setQueryData(tenantKeys.project(project.id), updated);
          await queryClient.invalidateQueries({ queryKey: tenantKeys.projects(project.tenant_id) });
          setReview(null);
          toast(t("settings.saved"), {
            tenantId: project.tenant_id,
            projectId: project.id,
            resourceId: project.id,
            action: "project.update",
            eventIds: auditEventIds,
          });
        }}
      />
    </>
  );
}
