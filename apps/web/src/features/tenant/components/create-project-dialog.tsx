import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { Project, ProjectRole } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Modal, Radio, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ReviewChangesDialog } from "../../../components/dialogs/review-changes-dialog";
import { isApiError } from "../../../lib/api-error";
import { api, audited } from "../../../lib/client";
import { projectRoles } from "../../../shared/roles";

interface Values {
  name: string;
  env: "dev" | "test" | "prod";
  description?: string;
  members?: { user_id?: string; role?: ProjectRole }[];
}

/** CreateProjectWizard: name (unique), env, description, initial members; then review, then create. */
export function CreateProjectDialog({
  tenantId,
  open,
  onClose,
  onCreated,
}: {
  tenantId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (project: Project, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [review, setReview] = useState<Values | null>(null);
  const env = Form.useWatch("env", form);
  const users = useQuery({
    queryKey: ["tenants", tenantId, "users", "all"],
    queryFn: () => api.tenantUsers.list(tenantId, { limit: 200 }),
    enabled: open,
    staleTime: 30_000,
  });
  const userOptions = (users.data?.data ?? []).map((u) => ({
    value: u.user_id,
    label: u.name ? `${u.name} <${u.email}>` : u.email,
  }));
  const payload = (v: Values) => ({
    name: v.name.trim(),
    env: v.env,
    description: (v.description ?? "").trim(),
    members: (v.members ?? [])
      .filter((m): m is { user_id: string; role: ProjectRole } => Boolean(m.user_id && m.role))
      .map((m) => ({ user_id: m.user_id, role: m.role })),
  });
  const close = () => {
    setReview(null);
    form.resetFields();
    onClose();
  };
  const nameTaken = async (_: unknown, value: string | undefined) => {
    const name = (value ?? "").trim();
    if (name.length < 2) return;
    // The server is the final word (409 on submit); this answers while typing, for projects the caller sees.
    const page = await api.projects.list(tenantId, { q: name, limit: 50 });
    if (page.data.some((p) => p.name.toLowerCase() === name.toLowerCase()))
      throw new Error(t("projects.nameTaken", { name }));
  };

  return (
    <>
      <Modal
        open={open && !review}
        title={t("projects.createTitle")}
        okText={t("projects.reviewAndCreate")}
        cancelText={t("common.cancel")}
        onOk={() => void form.validateFields().then((v) => setReview(v))}
        onCancel={close}
        forceRender
        width={640}
      >
        <Form form={form} layout="vertical" initialValues={{ env: "dev", members: [] }} requiredMark>
          <Form.Item
            name="name"
            label={t("projects.name")}
            validateDebounce={400}
            hasFeedback
            rules={[
              { required: true, whitespace: true, message: t("projects.nameRequired") },
              { min: 2, max: 64, message: t("projects.nameLength") },
              { validator: nameTaken },
            ]}
          >
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item name="env" label={t("projects.env")} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "dev", label: "Dev" },
                { value: "test", label: "Test" },
                { value: "prod", label: "Prod" },
              ]}
            />
          </Form.Item>
          {env === "prod" ? (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("projects.prodWarning")} />
          ) : null}
          <Form.Item
            name="description"
            label={t("common.description")}
            rules={[{ max: 200, message: t("projects.descriptionLength") }]}
          >
            <Input.TextArea rows={2} maxLength={200} showCount />
          </Form.Item>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Form.Item label={t("projects.initialMembers")}>
                <Space orientation="vertical" style={{ width: "100%" }}>
                  {fields.map((field, i) => (
                    <Space key={field.key} wrap align="baseline">
                      <Form.Item
                        name={[field.name, "user_id"]}
                        rules={[{ required: true, message: t("projects.pickUser") }]}
                        noStyle
                      >
                        <Select
                          showSearch={{ optionFilterProp: "label" }}
                          aria-label={t("projects.memberUser", { n: i + 1 })}
                          placeholder={t("projects.pickUser")}
                          options={userOptions}
                          loading={users.isPending}
                          style={{ width: 280 }}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, "role"]} initialValue="developer" noStyle>
                        <Select
                          aria-label={t("projects.memberRole", { n: i + 1 })}
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
                    {t("projects.addMemberRow")}
                  </Button>
                </Space>
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
      <ReviewChangesDialog
        open={Boolean(review)}
        title={t("projects.reviewTitle")}
        summary={
          review
            ? [
                { label: t("projects.name"), value: review.name.trim() },
                { label: t("projects.env"), value: review.env.toUpperCase() },
                { label: t("projects.initialMembers"), value: payload(review).members.length },
              ]
            : []
        }
        before={null}
        after={review ? payload(review) : null}
        onCancel={() => setReview(null)}
        onConfirm={async () => {
          if (!review) return;
          try {
            const { result: created, auditEventIds } = await audited((c) =>
              c.projects.create(tenantId, payload(review)),
            );
            form.resetFields();
            setReview(null);
            onCreated(created, auditEventIds);
          } catch (e) {
            if (isApiError(e) && e.code === "conflict") {
              // Back to the form with the server's message on the name.
              setReview(null);
              form.setFields([{ name: "name", errors: [e.message] }]);
              return;
            }
            throw e;
          }
        }}
      />
    </>
  );
}
