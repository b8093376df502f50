import { DownOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Dropdown, Space, Switch, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { DangerConfirmDialog } from "../../../components/dialogs/danger-confirm-dialog";
import { errorMessage } from "../../../components/error-state/error-message";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { useWriteToast } from "../../../lib/audit-link";
import { audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { usePermissions } from "../../../permissions/use-permissions";
import { PageHeader } from "../../../shell/page-header";
import { PageSkeleton } from "../../../shell/page-skeleton";
import { serviceKeys, servicePaths } from "../api";
import { DeployRevisionDialog } from "../components/deploy-revision-dialog";
import { ServicePlaygroundTab } from "../components/playground/service-playground-tab";
import { RollbackDialog } from "../components/rollback-dialog";
import { ServiceAuditTab } from "../components/service-audit-tab";
import { ServiceDetailsDialog } from "../components/service-details-dialog";
import { ServiceLogsTab } from "../components/service-logs-tab";
import { ServiceMetricsTab } from "../components/service-metrics-tab";
import { ServiceOverviewTab } from "../components/service-overview-tab";
import { ServiceRevisionsTab } from "../components/service-revisions-tab";
import { ServiceSettingsTab } from "../components/service-settings-tab";
import { ServiceStateStepper } from "../components/service-state-stepper";
import { TrafficEditorDialog } from "../components/traffic-editor-dialog";
import { headlineRevision, useServiceDetail } from "../service-detail-api";

// The seed's tabs in its order.
const tabs = ["overview", "revisions", "metrics", "logs", "playground", "settings", "audit"] as const;
type Tab = (typeof tabs)[number];
type Dialog = "deploy" | "details" | "traffic" | "rollback" | "delete" | "stop" | null;

/** Seed 000 §4.3.7 service detail: state, desired-state switch and actions; Overview, Revisions & Traffic, Metrics, Logs, Playground, Settings, Audit. */
export function ServiceDetailPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "", serviceId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const permissions = usePermissions(projectId);
  const paths = servicePaths(tenantId, projectId);
  const service = useServiceDetail(serviceId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const requested = params.get("tab") as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : "overview";
  const setTab = (k: string) => setParams(k === "overview" ? {} : { tab: k }, { replace: true });

  const refresh = () => void queryClient.invalidateQueries({ queryKey: serviceKeys.all });
  const done = (title: string, action: string, auditEventIds: string[], resourceId = serviceId) => {
    setDialog(null);
    toast(title, { tenantId, projectId, resourceId, action, eventIds: auditEventIds });
    refresh();
  };
  const [start, starting] = useSubmitOnce(async () => {
    try {
      const { auditEventIds } = await audited((c) => c.services.start(serviceId));
      done(t("serviceDetail.done.started", { name: service.data?.name }), "service.start", auditEventIds);
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  });

  if (service.isPending) return <PageSkeleton />;
  if (service.isError) return <ErrorState error={service.error} onRetry={() => void service.refetch()} />;
  const s = service.data;
  const revision = headlineRevision(s);
  const can = (action: string) => permissions.can(action).allowed;
  const menu = [
    can("service.revision.deploy") && { key: "deploy", label: t("serviceDetail.actions.deploy") },
    can("service.traffic.update") && { key: "traffic", label: t("serviceDetail.actions.editTraffic") },
    can("service.rollback") && { key: "rollback", label: t("serviceDetail.actions.rollback") },
    can("service.playground") && { key: "playground", label: t("serviceDetail.actions.openPlayground") },
    can("service.delete") && { key: "delete", danger: true, label: t("serviceDetail.actions.delete") },
  ].filter((i): i is { key: string; label: string; danger?: boolean } => Boolean(i));
  const mayToggle = can(s.desired_state === "active" ? "service.stop" : "service.start");

  return (
    <>
      <PageHeader
        title={s.name}
        description={
          <Space wrap size={8}>
            <StatusBadge kind="env" value={s.env} />
            <StatusBadge kind="service_current_state" value={s.current_state} asTag />
            <IDBadge id={s.id} />
            {s.description ? <Typography.Text type="secondary">{s.description}</Typography.Text> : null}
          </Space>
        }
        secondary={
          <Space wrap size={12}>
            <Space size={6}>
              <Typography.Text>{t("serviceDetail.desiredState")}</Typography.Text>
              {mayToggle ? (
                <Switch
                  aria-label={t("serviceDetail.desiredState")}
                  checked={s.desired_state === "active"}
                  loading={starting}
                  checkedChildren={t("status.service_desired_state.active")}
                  unCheckedChildren={t("status.service_desired_state.inactive")}
                  onChange={(on) => (on ? void start() : setDialog("stop"))}
                />
              ) : (
                <StatusBadge kind="service_desired_state" value={s.desired_state} />
              )}
            </Space>
            {menu.length ? (
              <Dropdown
                trigger={["click"]}
                menu={{
                  items: menu,
                  onClick: ({ key }) => (key === "playground" ? setTab(key) : setDialog(key as Dialog)),
                }}
              >
                <Button aria-label={t("serviceDetail.actions.menu")}>
                  {t("serviceDetail.actions.menu")} <DownOutlined />
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        }
      />
      {revision ? (
        <ServiceStateStepper
          revision={revision}
          waitAction={
            can("service.revision.deploy") ? (
              <Button size="small" onClick={() => setDialog("deploy")}>
                {t("serviceDetail.stepper.adjust")}
              </Button>
            ) : null
          }
        />
      ) : (
        <Alert type="info" showIcon title={t("serviceDetail.noRevisions")} />
      )}
      <Tabs
        activeKey={active}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: "overview",
            label: t("serviceDetail.tabs.overview"),
            children: <ServiceOverviewTab service={s} tenantId={tenantId} projectId={projectId} />,
          },
          {
            key: "revisions",
            label: t("serviceDetail.tabs.revisions"),
            children: (
              <ServiceRevisionsTab
                serviceId={s.id}
                projectId={projectId}
                onEditTraffic={() => setDialog("traffic")}
                onRollback={() => setDialog("rollback")}
                onDeploy={() => setDialog("deploy")}
              />
            ),
          },
          {
            key: "metrics",
            label: t("serviceDetail.tabs.metrics"),
            children: (
              <ServiceMetricsTab
                tenantId={tenantId}
                projectId={projectId}
                serviceId={s.id}
                revisions={s.revisions}
              />
            ),
          },
          {
            key: "logs",
            label: t("serviceDetail.tabs.logs"),
            children: (
              <ServiceLogsTab
                tenantId={tenantId}
                projectId={projectId}
                serviceId={s.id}
                revisions={s.revisions}
              />
            ),
          },
          {
            key: "playground",
            label: t("serviceDetail.tabs.playground"),
            children: <ServicePlaygroundTab service={s} projectId={projectId} />,
          },
          {
            key: "settings",
            label: t("serviceDetail.tabs.settings"),
            children: (
              <ServiceSettingsTab
                service={s}
                projectId={projectId}
                onEdit={() => setDialog("deploy")}
                onEditDetails={() => setDialog("details")}
                onDelete={() => setDialog("delete")}
              />
            ),
          },
          {
            key: "audit",
            label: t("serviceDetail.tabs.audit"),
            children: <ServiceAuditTab tenantId={tenantId} service={s} />,
          },
        ]}
      />
      {dialog === "deploy" && revision ? (
        <DeployRevisionDialog
          service={s}
          current={revision}
          onClose={() => setDialog(null)}
          onDone={(w) =>
            done(
              t("serviceDetail.done.deployed", { name: s.name, number: w.revision.number }),
              "service.revision.deploy",
              w.auditEventIds,
              w.revision.id,
            )
          }
        />
      ) : null}
      {dialog === "details" ? (
        <ServiceDetailsDialog
          service={s}
          onClose={() => setDialog(null)}
          onDone={(ids) => done(t("serviceDetail.done.updated", { name: s.name }), "service.update", ids)}
        />
      ) : null}
      <TrafficEditorDialog
        service={s}
        open={dialog === "traffic"}
        onClose={() => setDialog(null)}
        onDone={(w) =>
          done(t("serviceDetail.done.traffic", { name: s.name }), "service.traffic.update", w.auditEventIds)
        }
      />
      <RollbackDialog
        service={s}
        open={dialog === "rollback"}
        onClose={() => setDialog(null)}
        onDone={(number, ids) =>
          done(t("serviceDetail.done.rolledBack", { name: s.name, number }), "service.rollback", ids)
        }
      />
      <ConfirmDialog
        open={dialog === "stop"}
        danger
        modalId="Service-stop"
        title={t("serviceDetail.stop.title", { name: s.name })}
        confirmText={t("serviceDetail.stop.ok")}
        onCancel={() => setDialog(null)}
        onConfirm={async () => {
          const { auditEventIds } = await audited((c) => c.services.stop(s.id));
          done(t("serviceDetail.done.stopped", { name: s.name }), "service.stop", auditEventIds);
        }}
      >
        <Alert type="warning" showIcon title={t("serviceDetail.stop.body")} />
      </ConfirmDialog>
      <DangerConfirmDialog
        open={dialog === "delete"}
        title={t("serviceDetail.delete.title", { name: s.name })}
        confirmName={s.name}
        onCancel={() => setDialog(null)}
        onConfirm={async () => {
          const { auditEventIds } = await audited((c) => c.services.delete(s.id, { confirm_name: s.name }));
          setDialog(null);
          toast(t("serviceDetail.done.deleted", { name: s.name }), {
            tenantId,
            projectId,
            resourceId: s.id,
            action: "service.delete",
            eventIds: auditEventIds,
          });
          void queryClient.removeQueries({ queryKey: serviceKeys.detail(s.id) });
          navigate(paths.list);
        }}
      >
        <Alert type="error" showIcon title={t("serviceDetail.delete.body")} />
      </DangerConfirmDialog>
    </>
  );
}
