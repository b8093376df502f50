import {
  type DeployStrategy,
  type ServiceDetail,
  type ServiceRevision,
  type ServiceRevisionDetail,
  ServiceRuntimeKind,
} from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, AutoComplete, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DiffViewer } from "../../../components/diff-viewer/diff-viewer";
import { Wizard } from "../../../components/wizard/wizard";
import { api, audited } from "../../../lib/client";
import { configFromValues, type DeployFormValues, deployDiff, valuesFromConfig } from "./deploy-values";
import { canaryPreview } from "./traffic-split";

export interface DeployWrite {
  revision: ServiceRevision;
  strategy: DeployStrategy;
  auditEventIds: string[];
}

/**
 * "Deploy new revision": the current revision's configuration to edit, then a review with its diff
 * against the current revision and the strategy (full: all traffic; none: 0%, traffic moved later;
 * canary: a weight the others give up in proportion). Mounted only while open, so each opening
 * starts from the current revision again.
 */
export function DeployRevisionDialog({
  service,
  current,
  onClose,
  onDone,
}: {
  service: ServiceDetail;
  current: ServiceRevisionDetail;
  onClose: () => void;
  onDone: (write: DeployWrite) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeployFormValues>();
  const [values, setValues] = useState<DeployFormValues>(() => valuesFromConfig(current.config));
  const [strategy, setStrategy] = useState<DeployStrategy>("full");
  // Null while the field is being retyped; the deploy takes at least 1.
  const [typedWeight, setWeight] = useState<number | null>(10);
  const weight = Math.max(1, Math.min(99, Math.round(typedWeight ?? 1)));
  const kind = Form.useWatch("kind", form) ?? values.kind;
  const mode = Form.useWatch("model_mode", form) ?? values.model_mode;
  const classes = useQuery({
    queryKey: ["services", "resource-classes"],
    queryFn: () => api.fineTuning.resourceClasses.list({ limit: 100 }),
  });
  const config = configFromValues(values);
  const diff = deployDiff(current.config, config);
  const carrying = service.revisions.map((r) => ({ id: r.id, percent: r.traffic_percent }));
  const preview = strategy === "canary" ? canaryPreview(carrying, "new", weight) : null;
  const numberOf = (id: string) => service.revisions.find((r) => r.id === id)?.number;
  const revLabel = (n: number | undefined) =>
    n === undefined
      ? t("serviceDetail.deploy.newRevision")
      : t("serviceDetail.revisionNumber", { number: n });

  const configStep = (
    <Form form={form} layout="vertical" initialValues={values} name="deploy-revision" requiredMark>
      <Form.Item name="model_mode" label={t("serviceDetail.deploy.modelBy")}>
        <Radio.Group
          options={[
            { value: "version", label: t("serviceDetail.deploy.byVersion") },
            { value: "tag", label: t("serviceDetail.deploy.byTag") },
          ]}
        />
      </Form.Item>
      {mode === "version" ? (
        <Form.Item
          name="version_id"
          label={t("serviceDetail.deploy.versionId")}
          rules={[{ required: true, message: t("serviceDetail.deploy.required") }]}
        >
          <Input />
        </Form.Item>
      ) : (
        <Space wrap>
          <Form.Item
            name="model_id"
            label={t("serviceDetail.deploy.modelId")}
            rules={[{ required: true, message: t("serviceDetail.deploy.required") }]}
          >
            <Input style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="tag" label={t("serviceDetail.deploy.tag")}>
            <Input style={{ width: 160 }} />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="kind" label={t("serviceDetail.overview.runtime")}>
        <Select options={ServiceRuntimeKind.options.map((k) => ({ value: k, label: k }))} />
      </Form.Item>
      {kind === "llama.cpp" ? (
        <Space wrap>
          <Form.Item name="context_size" label={t("serviceDetail.deploy.contextSize")}>
            <InputNumber min={128} max={1_048_576} precision={0} />
          </Form.Item>
          <Form.Item name="threads" label={t("serviceDetail.deploy.threads")}>
            <InputNumber min={1} max={256} precision={0} placeholder={t("serviceDetail.deploy.auto")} />
          </Form.Item>
          <Form.Item name="parallel" label={t("serviceDetail.deploy.parallel")}>
            <InputNumber min={1} max={256} precision={0} />
          </Form.Item>
        </Space>
      ) : null}
      {kind === "openai-compatible" ? (
        <>
          <Form.Item
            name="base_url"
            label={t("serviceDetail.deploy.baseUrl")}
            rules={[{ required: true, message: t("serviceDetail.deploy.required") }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="upstream_model" label={t("serviceDetail.deploy.upstreamModel")}>
            <Input />
          </Form.Item>
          <Form.Item
            name="api_key"
            label={t("serviceDetail.deploy.apiKey")}
            extra={current.config.runtime.api_key_set ? t("serviceDetail.deploy.apiKeyNotKept") : undefined}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      ) : null}
      <Space wrap>
        <Form.Item
          name="resource_class"
          label={t("serviceDetail.overview.resourceClass")}
          rules={[{ required: true, message: t("serviceDetail.deploy.required") }]}
        >
          <AutoComplete
            style={{ width: 220 }}
            options={(classes.data?.data ?? []).map((c) => ({ value: c.name }))}
          />
        </Form.Item>
        <Form.Item name="gpu_count" label={t("serviceDetail.overview.gpus")}>
          <InputNumber min={0} max={64} precision={0} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="metric" label={t("serviceDetail.overview.metric")}>
          <Select
            style={{ width: 160 }}
            options={[
              { value: "concurrency", label: t("serviceDetail.metric.concurrency") },
              { value: "qps", label: t("serviceDetail.metric.qps") },
            ]}
          />
        </Form.Item>
        <Form.Item name="target" label={t("serviceDetail.overview.target")}>
          <InputNumber min={0.1} max={100_000} />
        </Form.Item>
        <Form.Item name="min_replicas" label={t("serviceDetail.overview.minReplicas")}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
        <Form.Item
          name="max_replicas"
          label={t("serviceDetail.overview.maxReplicas")}
          dependencies={["min_replicas"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: number) =>
                v >= (getFieldValue("min_replicas") ?? 0)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("serviceDetail.deploy.maxBelowMin"))),
            }),
          ]}
        >
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="scale_down_delay_seconds" label={t("serviceDetail.overview.scaleDownDelay")}>
          <InputNumber min={0} max={86_400} precision={0} suffix="s" />
        </Form.Item>
      </Space>
    </Form>
  );

  const review = (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <section aria-label={t("serviceDetail.deploy.diffTitle", { number: current.number })}>
        <Typography.Title level={5}>
          {t("serviceDetail.deploy.diffTitle", { number: current.number })}
        </Typography.Title>
        <DiffViewer before={diff.before} after={diff.after} />
      </section>
      <Typography.Title level={5}>{t("serviceDetail.deploy.strategy")}</Typography.Title>
      <Radio.Group
        aria-label={t("serviceDetail.deploy.strategy")}
        value={strategy}
        onChange={(e) => setStrategy(e.target.value)}
        options={(["full", "none", "canary"] as const).map((s) => ({
          value: s,
          label: (
            <span>
              {t(`serviceDetail.strategy.${s}`)}{" "}
              <Typography.Text type="secondary">{t(`serviceDetail.strategy.${s}Hint`)}</Typography.Text>
            </span>
          ),
        }))}
        style={{ display: "flex", flexDirection: "column", gap: 4 }}
      />
      {strategy === "canary" ? (
        <Space wrap>
          <label htmlFor="deploy-canary-weight">{t("serviceDetail.deploy.weight")}</label>
          <InputNumber
            id="deploy-canary-weight"
            min={1}
            max={99}
            precision={0}
            suffix="%"
            value={typedWeight}
            onChange={setWeight}
          />
        </Space>
      ) : null}
      {preview ? (
        <Typography.Text data-testid="canary-preview">
          {t("serviceDetail.deploy.afterSplit", {
            split: preview.map((p) => `${revLabel(numberOf(p.id))} ${p.percent}%`).join(" / "),
          })}
        </Typography.Text>
      ) : null}
      {service.desired_state === "inactive" ? (
        <Alert type="info" showIcon title={t("serviceDetail.deploy.stoppedNote")} />
      ) : null}
    </Space>
  );

  return (
    <Modal
      open
      width={860}
      title={t("serviceDetail.deploy.title", { name: service.name })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-modal-id="Service-deploy"
    >
      <Wizard
        steps={[
          {
            key: "config",
            title: t("serviceDetail.deploy.configStep"),
            content: configStep,
            validate: async () => {
              await form.validateFields();
              setValues({ ...values, ...form.getFieldsValue(true) });
              return true;
            },
          },
        ]}
        review={review}
        submitText={t("serviceDetail.deploy.submit")}
        onCancel={onClose}
        onSubmit={async () => {
          const body = strategy === "canary" ? { config, strategy, weight } : { config, strategy };
          const { result, auditEventIds } = await audited((c) => c.services.deploy(service.id, body));
          onDone({ revision: result, strategy, auditEventIds });
        }}
      />
    </Modal>
  );
}
