import type { Price } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Form, InputNumber, Modal, Radio, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { busyButton } from "../../../components/dialogs/busy-button";
import { InlineError } from "../../../components/error-state/inline-error";
import { shortId } from "../../../components/id-badge/short-id";
import { isApiError } from "../../../lib/api-error";
import { api, audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { useTenantProjects } from "../../../shared/tenancy";
import {
  type FieldIssue,
  type PriceFormValues,
  priceFormValues,
  priceInput,
  serverIssues,
} from "../price-form";

const MAX_AMOUNT = 1_000_000;

/**
 * Add or change a price: a model version's input and output price per million tokens (picked by
 * project, model and version), or a resource class's price per hour of a replica. Editing keeps the
 * subject and changes its amounts. A 4xx that names a field is shown on that field.
 */
export function PriceDialog({
  tenantId,
  open,
  price,
  currency,
  onClose,
  onSaved,
}: {
  tenantId: string;
  open: boolean;
  /** The price being changed; null adds one. */
  price: Price | null;
  /** The table's currency when known (the amounts are in it). */
  currency: string | null;
  onClose: () => void;
  onSaved: (price: Price, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PriceFormValues>();
  const [error, setError] = useState<unknown>(null);
  const kind = Form.useWatch("subject_kind", form) ?? price?.subject_kind ?? "model_version";
  const projectId = Form.useWatch("project_id", form);
  const modelId = Form.useWatch("model_id", form);
  const adding = open && !price;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(priceFormValues(price));
      setError(null);
    }
  }, [open, price, form]);

  const projects = useTenantProjects(adding && kind === "model_version" ? tenantId : undefined);
  const models = useQuery({
    queryKey: ["prices", tenantId, "models", projectId],
    queryFn: () => api.models.list(projectId ?? "", { limit: 100 }),
    enabled: adding && kind === "model_version" && Boolean(projectId),
  });
  const versions = useQuery({
    queryKey: ["prices", tenantId, "versions", modelId],
    queryFn: () => api.models.versions.list(modelId ?? "", { limit: 100 }),
    enabled: adding && kind === "model_version" && Boolean(modelId),
  });
  const classes = useQuery({
    queryKey: ["prices", tenantId, "resource-classes"],
    queryFn: () => api.fineTuning.resourceClasses.list({ limit: 100 }),
    enabled: adding && kind === "resource_class",
  });

  const showIssues = (issues: FieldIssue[]) => {
    form.setFields(issues.flatMap((i) => (i.field ? [{ name: i.field, errors: [i.message] }] : [])));
    return issues.some((i) => i.field);
  };

  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    let values: PriceFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // Editing keeps the subject: its kind and id are the price's, not fields of the form.
    const built = priceInput(
      price ? { ...values, subject_kind: price.subject_kind, subject_id: price.subject_id } : values,
    );
    if ("issues" in built) {
      if (!showIssues(built.issues)) setError(new Error(built.issues.map((i) => i.message).join("; ")));
      return;
    }
    try {
      const { result, auditEventIds } = await audited((c) => c.usage.setPrice(tenantId, built.input));
      onSaved(result, auditEventIds);
    } catch (e) {
      // A 4xx naming a field goes on the field; anything else above the buttons, with its request id.
      if (
        isApiError(e) &&
        e.status >= 400 &&
        e.status < 500 &&
        showIssues(serverIssues(e.details, e.message))
      )
        return;
      setError(e);
    }
  });

  const unit = currency ? ` (${currency})` : "";
  const amount = (name: keyof PriceFormValues, label: string, extraRules: object[] = []) => (
    <Form.Item
      name={name}
      label={label}
      rules={[
        {
          type: "number",
          min: 0,
          max: MAX_AMOUNT,
          message: t("pricesPage.amountRange", { max: MAX_AMOUNT }),
        },
        ...extraRules,
      ]}
    >
      <InputNumber
        min={0}
        max={MAX_AMOUNT}
        step={0.01}
        style={{ width: 220 }}
        addonAfter={currency ?? undefined}
      />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      title={price ? t("pricesPage.editTitle", { subject: price.subject_label }) : t("pricesPage.addTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={busyButton(pending)}
      onOk={() => void submit()}
      onCancel={onClose}
      forceRender
      width={560}
    >
      <Form form={form} layout="vertical" requiredMark initialValues={priceFormValues(price)}>
        <Form.Item name="subject_kind" label={t("pricesPage.kind")}>
          <Radio.Group
            optionType="button"
            disabled={Boolean(price)}
            options={(["model_version", "resource_class"] as const).map((k) => ({
              value: k,
              label: t(`pricesPage.kinds.${k}`),
            }))}
            onChange={() =>
              form.setFieldsValue({ subject_id: undefined, project_id: undefined, model_id: undefined })
            }
          />
        </Form.Item>
        {price ? (
          <Form.Item label={t("pricesPage.subject")}>
            <Typography.Text strong>{price.subject_label}</Typography.Text>{" "}
            <Typography.Text type="secondary" code>
              {price.subject_id}
            </Typography.Text>
          </Form.Item>
        ) : kind === "model_version" ? (
          <>
            <Form.Item name="project_id" label={t("pricesPage.project")}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                loading={projects.isPending && projects.fetchStatus !== "idle"}
                onChange={() => form.setFieldsValue({ model_id: undefined, subject_id: undefined })}
                options={(projects.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
            <Form.Item name="model_id" label={t("pricesPage.model")}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                disabled={!projectId}
                loading={models.isFetching}
                onChange={() => form.setFieldsValue({ subject_id: undefined })}
                options={(models.data?.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
              />
            </Form.Item>
            <Form.Item
              name="subject_id"
              label={t("pricesPage.modelVersion")}
              rules={[{ required: true, message: t("pricesPage.pickModelVersion") }]}
            >
              <Select
                disabled={!modelId}
                loading={versions.isFetching}
                options={(versions.data?.data ?? []).map((v) => ({
                  value: v.id,
                  label: v.tags.length ? `${shortId(v.id)} (${v.tags.join(", ")})` : shortId(v.id),
                }))}
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="subject_id"
            label={t("pricesPage.resourceClass")}
            rules={[{ required: true, message: t("pricesPage.pickResourceClass") }]}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              loading={classes.isFetching}
              options={(classes.data?.data ?? []).map((c) => ({
                value: c.name,
                label: c.display_name ? `${c.display_name} (${c.name})` : c.name,
              }))}
            />
          </Form.Item>
        )}
        {kind === "model_version" ? (
          <>
            {amount("input_per_million", t("pricesPage.inputPerMillion") + unit, [
              {
                validator: async (_: unknown, value: number | null | undefined) => {
                  if (value == null && form.getFieldValue("output_per_million") == null)
                    throw new Error(t("pricesPage.needTokenPrice"));
                },
              },
            ])}
            {amount("output_per_million", t("pricesPage.outputPerMillion") + unit)}
          </>
        ) : (
          amount("per_hour", t("pricesPage.perHour") + unit, [
            { required: true, message: t("pricesPage.needHourPrice") },
          ])
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t("pricesPage.appliesToNewCalls")}
        </Typography.Paragraph>
      </Form>
      {error ? <InlineError error={error} /> : null}
    </Modal>
  );
}
