import type { EvaluationRun, PreferenceExport } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { busyButton } from "../../../components/dialogs/busy-button";
import { InlineError } from "../../../components/error-state/inline-error";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { evaluationPaths } from "../compare/sbs-queries";

interface Values {
  target: "new" | "existing";
  dataset_name?: string;
  dataset_id?: string;
  min_ratings: number;
}

/**
 * "Export as preference dataset": the run's ratings as a new version of a preference dataset
 * (prompt, chosen, rejected) — a new dataset by name or a new version of one of the project's —
 * then the version written, with a link to it.
 */
export function SbsExportDialog({
  run,
  tenantId,
  open,
  onClose,
}: {
  run: EvaluationRun;
  tenantId: string;
  open: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const toast = useWriteToast();
  const [form] = Form.useForm<Values>();
  const target = Form.useWatch("target", form) ?? "new";
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<PreferenceExport | null>(null);
  const datasets = useQuery({
    queryKey: ["datasets", "list", run.project_id, "preference-export"],
    queryFn: () => api.datasets.list(run.project_id, { limit: 100 }),
    enabled: open && target === "existing",
  });
  const close = () => {
    setDone(null);
    setError(null);
    form.resetFields();
    onClose();
  };
  const [submit, pending] = useSubmitOnce(async (v: Values) => {
    setError(null);
    try {
      const body =
        v.target === "new"
          ? { dataset_name: v.dataset_name?.trim(), min_ratings: v.min_ratings }
          : { dataset_id: v.dataset_id, min_ratings: v.min_ratings };
      const { result, auditEventIds } = await audited((c) => c.evaluations.exportPreferences(run.id, body));
      setDone(result);
      toast(t("evaluationSbs.export.done", { records: result.records }), {
        tenantId,
        projectId: run.project_id,
        resourceId: run.id,
        action: "evaluation.export_preferences",
        eventIds: auditEventIds,
      });
    } catch (e) {
      setError(e);
    }
  });
  const paths = evaluationPaths(tenantId, run.project_id);

  return (
    <Modal
      open={open}
      title={t("evaluationSbs.export.title")}
      onCancel={close}
      destroyOnHidden
      footer={
        done ? (
          <Button onClick={close}>{t("evaluationSbs.export.close")}</Button>
        ) : (
          <>
            <Button onClick={close}>{t("common.cancel")}</Button>
            <Button type="primary" onClick={() => form.submit()} {...busyButton(pending)}>
              {t("evaluationSbs.export.submit")}
            </Button>
          </>
        )
      }
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          title={t("evaluationSbs.export.done", { records: done.records })}
          description={
            <Link to={paths.datasetVersion(done.dataset_id, done.dataset_version_id)}>
              {t("evaluationSbs.export.openVersion", { version: done.dataset_version_id })}
            </Link>
          }
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t("evaluationSbs.export.hint")}</Typography.Paragraph>
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ target: "new", min_ratings: 1 }}
            onFinish={(v) => void submit(v)}
          >
            <Form.Item name="target" label={t("evaluationSbs.export.target")}>
              <Radio.Group
                options={[
                  { value: "new", label: t("evaluationSbs.export.newDataset") },
                  { value: "existing", label: t("evaluationSbs.export.existingDataset") },
                ]}
              />
            </Form.Item>
            {target === "new" ? (
              <Form.Item
                name="dataset_name"
                label={t("evaluationSbs.export.datasetName")}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t("evaluationSbs.export.datasetNameRequired"),
                  },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
            ) : (
              <Form.Item
                name="dataset_id"
                label={t("evaluationSbs.export.dataset")}
                rules={[{ required: true, message: t("evaluationSbs.export.datasetRequired") }]}
              >
                <Select
                  showSearch={{ optionFilterProp: "label" }}
                  loading={datasets.isPending}
                  options={(datasets.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                />
              </Form.Item>
            )}
            <Form.Item name="min_ratings" label={t("evaluationSbs.export.minRatings")}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
          </Form>
          {error ? <InlineError error={error} /> : null}
        </>
      )}
    </Modal>
  );
}
