import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Form, type FormInstance, Input, InputNumber, List, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../../lib/client";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { evalKeys, evalPaths, formatValue } from "../api";
import { GateRuleDialog } from "../gate-rules/gate-rule-dialog";
import type { WizardValues } from "./wizard-values";

export function ParamsStep({ form, projectId }: { form: FormInstance<WizardValues>; projectId: string }) {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams();
  const [addingRule, setAddingRule] = useState(false);
  const kind = Form.useWatch("kind", { form, preserve: true });
  const source = Form.useWatch("data_source", { form, preserve: true });
  const modelId = Form.useWatch(["targets", 0, "model_id"], { form, preserve: true });
  const rules = useQuery({
    queryKey: [...evalKeys.gateRules(projectId), "wizard"],
    queryFn: () => api.evaluations.gateRules.list(projectId, { limit: 100 }),
    enabled: kind === "gate",
  });
  const num = (
    name: "sample_limit" | "seed" | "temperature" | "top_p" | "max_tokens",
    props: { min: number; max: number; step?: number; precision?: number },
  ) => (
    <Form.Item
      name={name}
      label={t(`evaluationPage.field.${name}`)}
      rules={[{ type: "number", min: props.min, max: props.max }]}
    >
      <InputNumber aria-label={t(`evaluationPage.field.${name}`)} {...props} style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <>
      <Space wrap align="start">
        {num("sample_limit", { min: 1, max: 100_000, precision: 0 })}
        {num("seed", { min: 0, max: 2 ** 31 - 1, precision: 0 })}
        {num("temperature", { min: 0, max: 2, step: 0.1 })}
        {num("top_p", { min: 0.01, max: 1, step: 0.05 })}
        {num("max_tokens", { min: 1, max: 4096, precision: 0 })}
      </Space>
      <Form.Item name="system_prompt" label={t("evaluationPage.field.system_prompt")} rules={[{ max: 4000 }]}>
        <Input.TextArea aria-label={t("evaluationPage.field.system_prompt")} rows={3} />
      </Form.Item>
      {kind === "side_by_side" && source === "prompts" ? null : (
        <Form.Item
          name="slice_field"
          label={t("evaluationPage.field.slice_field")}
          extra={t("evaluationPage.field.sliceHint")}
        >
          <Input aria-label={t("evaluationPage.field.slice_field")} />
        </Form.Item>
      )}
      {kind === "gate" ? (
        <section aria-label={t("evaluationPage.wizard.gateRules")}>
          <Space wrap style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("evaluationPage.wizard.gateRules")}
            </Typography.Title>
            <Space wrap>
              <PermissionGuard action="evaluation.gate_rule.create" projectId={projectId} mode="hide">
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingRule(true)}>
                  {t("evaluationGateRules.add")}
                </Button>
              </PermissionGuard>
              {/* A new tab: the wizard keeps what was entered. */}
              <Link to={evalPaths(tenantId, projectId).gateRules} target="_blank" rel="noopener">
                {t("evaluationGateRules.manageNewTab")}
              </Link>
            </Space>
          </Space>
          <List
            size="small"
            bordered
            loading={rules.isPending}
            locale={{
              emptyText: <Typography.Text>{t("evaluationPage.wizard.noGateRules")}</Typography.Text>,
            }}
            dataSource={(rules.data?.data ?? []).filter(
              (r) => !r.model_id || !modelId || r.model_id === modelId,
            )}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{t(`evaluationPage.metric.${r.metric}`)}</Typography.Text>
                  <span>
                    {r.comparator === "at_least"
                      ? t("evaluationPage.rule.atLeast", { threshold: formatValue(r.threshold) })
                      : r.comparator === "pass_rate_at_least"
                        ? t("evaluationPage.rule.passRate", {
                            threshold: formatValue(r.threshold),
                            count: r.prompt_count ?? 0,
                          })
                        : t("evaluationPage.rule.notWorse", { margin: formatValue(r.margin ?? 0) })}
                  </span>
                  {r.description ? <Typography.Text type="secondary">{r.description}</Typography.Text> : null}
                </Space>
              </List.Item>
            )}
          />
          <GateRuleDialog
            open={addingRule}
            tenantId={tenantId}
            projectId={projectId}
            onClose={() => setAddingRule(false)}
          />
        </section>
      ) : null}
    </>
  );
}
