import type { Project, ProjectPolicies } from "@infera/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, List, Skeleton, Space, Switch, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ReviewChangesDialog } from "../../../components/dialogs/review-changes-dialog";
import { ErrorState } from "../../../components/error-state/error-state";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { usePermissions } from "../../../permissions/use-permissions";

const toggles = [
  "prod_disallow_scale_to_zero",
  "prod_force_alerts",
  "prod_no_playground_logging",
  "viewers_cannot_view_logs",
  "prod_requires_passing_evaluation",
] as const;
type Toggle = (typeof toggles)[number];
type Values = Record<Toggle, boolean>;

/** §4.3.2 E: the env policies (with the release gate on `prod`) and what is in force now, explained. */
export function EnvPoliciesTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useWriteToast();
  const key = ["projects", project.id, "policies"] as const;
  const policies = useQuery({ queryKey: key, queryFn: () => api.policies.get(project.id) });
  const canEdit = usePermissions(project.id, project.tenant_id).can("project.policy.update").allowed;
  const [values, setValues] = useState<Values | null>(null);
  const [reviewing, setReviewing] = useState(false);
  useEffect(() => {
    if (policies.data) setValues(pick(policies.data));
  }, [policies.data]);
  if (policies.isPending) return <Skeleton active />;
  if (policies.isError) return <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />;
  const p = policies.data;
  const current = pick(p);
  const edited = values ?? current;
  const dirty = toggles.some((k) => edited[k] !== current[k]);
  const isProd = p.env === "prod";
  const effective = [
    { key: "scaleToZero", on: p.effective.scale_to_zero_allowed },
    { key: "alerts", on: p.effective.alerts_forced },
    { key: "playgroundLogging", on: p.effective.playground_logging_allowed },
    { key: "viewerLogs", on: p.effective.viewers_can_view_logs },
    { key: "prodGate", on: isProd && p.prod_requires_passing_evaluation },
  ] as const;
  return (
    <Space orientation="vertical" style={{ width: "100%", maxWidth: 720 }}>
      <Alert
        type={isProd ? "warning" : "info"}
        showIcon
        title={isProd ? t("policies.prodInForce") : t("policies.notProd", { env: p.env.toUpperCase() })}
      />
      <List
        bordered
        aria-label={t("settings.policies")}
        dataSource={[...toggles]}
        renderItem={(k) => (
          <List.Item
            actions={[
              <Switch
                key="s"
                checked={edited[k]}
                disabled={!canEdit}
                aria-label={t(`policies.${k}`)}
                onChange={(on) => setValues({ ...edited, [k]: on })}
              />,
            ]}
          >
            <List.Item.Meta title={t(`policies.${k}`)} description={t(`policies.${k}Hint`)} />
          </List.Item>
        )}
      />
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t("policies.effective")}
      </Typography.Title>
      <List
        size="small"
        aria-label={t("policies.effective")}
        dataSource={[...effective]}
        renderItem={(e) => (
          <List.Item>
            <Tag color={e.on ? "green" : "default"}>{e.on ? t("policies.yes") : t("policies.no")}</Tag>
            {t(`policies.effect.${e.key}`)}
          </List.Item>
        )}
      />
      <PermissionGuard action="project.policy.update" projectId={project.id} tenantId={project.tenant_id}>
        <Button type="primary" disabled={!dirty} onClick={() => setReviewing(true)}>
          {t("settings.reviewChanges")}
        </Button>
      </PermissionGuard>
      <ReviewChangesDialog
        open={reviewing}
        title={t("policies.reviewTitle")}
        summary={toggles
          .filter((k) => edited[k] !== current[k])
          .map((k) => ({
            label: t(`policies.${k}`),
            value: `${onOff(current[k], t)} → ${onOff(edited[k], t)}`,
          }))}
        before={current}
        after={edited}
        onCancel={() => setReviewing(false)}
        onConfirm={async () => {
          const { result: updated, auditEventIds } = await audited((c) =>
            c.policies.update(project.id, edited),
          );
          queryClient.setQueryData(key, updated);
          setReviewing(false);
          toast(t("policies.saved"), {
            tenantId: project.tenant_id,
            projectId: project.id,
            resourceId: project.id,
            action: "project.policy.update",
            eventIds: auditEventIds,
          });
        }}
      />
    </Space>
  );
}

function pick(p: ProjectPolicies): Values {
  return {
    prod_disallow_scale_to_zero: p.prod_disallow_scale_to_zero,
    prod_force_alerts: p.prod_force_alerts,
    prod_no_playground_logging: p.prod_no_playground_logging,
    viewers_cannot_view_logs: p.viewers_cannot_view_logs,
    prod_requires_passing_evaluation: p.prod_requires_passing_evaluation,
  };
}

function onOff(on: boolean, t: (k: "policies.on" | "policies.off") => string) {
  return on ? t("policies.on") : t("policies.off");
}
