import type { AuditFilter, AuditScope } from "@infera/client";
import type { AuditEvent } from "@infera/contracts";
import { Button, DatePicker, Segmented, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { DataTable, type DataTableColumn } from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { dayjs } from "../../../lib/dates";
import { usePreferences } from "../../../lib/preferences";
import { actorText } from "../../../shared/actor-text";
import { useTenantProjects } from "../../../shared/tenancy";
import { PageHeader } from "../../../shell/page-header";
import { AuditDetailDrawer } from "../components/audit-detail-drawer";
import {
  type ProjectQuickFilter,
  projectQuickFilters,
  tenantResourceTypes,
} from "../components/resource-types";
import { VerifyChainButton } from "../components/verify-chain-button";

type Range = [dayjs.Dayjs | null, dayjs.Dayjs | null] | null;

/** §4.2.7 tenant audit and §4.3.10 project audit: filters, export, detail drawer with the diff. */
export function AuditPage({ scope }: { scope: "tenant" | "project" }) {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const { formatDate } = usePreferences();
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<Range>(null);
  const [quick, setQuick] = useState<ProjectQuickFilter>("all");
  const projects = useTenantProjects(scope === "tenant" ? tenantId : undefined);
  const eventId = params.get("event");
  // A write's toast links here filtered to its resource and action.
  const linked = {
    resource_id: params.get("resource_id") ?? undefined,
    action: params.get("action") ?? undefined,
  };
  const quickQuery: { resource_type?: string; action?: string } =
    projectQuickFilters.find((f) => f.key === quick)?.query ?? {};

  const fixedQuery: AuditFilter = {
    from: range?.[0]?.toISOString(),
    to: range?.[1]?.toISOString(),
    resource_id: linked.resource_id,
    resource_type: quickQuery.resource_type,
    action: linked.action ?? quickQuery.action,
  };
  const tableKey = JSON.stringify(fixedQuery);
  const auditScope: AuditScope = scope === "tenant" ? { tenantId } : { projectId };
  const projectName = useMemo(() => {
    const byId = new Map((projects.data?.data ?? []).map((p) => [p.id, p.name]));
    return (id: string) => byId.get(id);
  }, [projects.data]);

  const openEvent = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set("event", id);
        else next.delete("event");
        return next;
      },
      { replace: true },
    );

  const columns: DataTableColumn<AuditEvent>[] = [
    { key: "created_at", title: t("audit.time"), render: (e) => formatDate(e.created_at), width: 170 },
    {
      key: "actor",
      title: t("audit.actor"),
      render: (e) => (
        <span>
          {actorText(e)}{" "}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.actor_type}
          </Typography.Text>
        </span>
      ),
    },
    { key: "action", title: t("audit.action"), render: (e) => <Tag>{e.action}</Tag> },
    {
      key: "resource",
      title: t("audit.resource"),
      render: (e) => (
        <Space size={4}>
          <span>{e.resource_type}</span>
          <IDBadge id={e.resource_id} />
        </Space>
      ),
    },
    ...(scope === "tenant"
      ? [
          {
            key: "project_id",
            title: t("audit.project"),
            render: (e: AuditEvent) =>
              e.project_id ? (projectName(e.project_id) ?? <IDBadge id={e.project_id} />) : "—",
          },
        ]
      : []),
    { key: "ip", title: t("audit.ip"), render: (e) => e.ip ?? "—" },
    {
      key: "user_agent",
      title: t("audit.userAgent"),
      defaultHidden: true,
      render: (e) => (
        <Typography.Text ellipsis={{ tooltip: e.user_agent }} style={{ maxWidth: 200 }}>
          {e.user_agent ?? "—"}
        </Typography.Text>
      ),
    },
    {
      key: "actions",
      title: t("common.actions"),
      alwaysVisible: true,
      render: (e) => (
        <Button
          size="small"
          onClick={() => openEvent(e.id)}
          aria-label={t("audit.openEvent", { action: e.action })}
        >
          {t("audit.details")}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={scope === "tenant" ? t("audit.tenantTitle") : t("audit.projectTitle")}
        description={t("audit.description")}
        secondary={scope === "tenant" ? <VerifyChainButton tenantId={tenantId} /> : null}
      />
      <Space orientation="vertical" style={{ width: "100%" }}>
        {scope === "project" ? (
          <Segmented
            aria-label={t("audit.quickFilter")}
            value={quick}
            onChange={(v) => setQuick(v as ProjectQuickFilter)}
            options={projectQuickFilters.map((f) => ({ value: f.key, label: t(`audit.quick.${f.key}`) }))}
            style={{ maxWidth: "100%", overflowX: "auto" }}
          />
        ) : null}
        <Space wrap>
          <DatePicker.RangePicker
            showTime
            allowEmpty={[true, true]}
            value={range}
            onChange={(v) => setRange(v as Range)}
            aria-label={t("audit.timeRange")}
            placeholder={[t("audit.from"), t("audit.to")]}
            presets={[
              { label: t("audit.last24h"), value: [dayjs().subtract(24, "hour"), dayjs()] },
              { label: t("audit.last7d"), value: [dayjs().subtract(7, "day"), dayjs()] },
              { label: t("audit.last30d"), value: [dayjs().subtract(30, "day"), dayjs()] },
            ]}
          />
          {linked.resource_id || linked.action ? (
            <Space size={4}>
              <Tag>
                {t("audit.linkedFilter", { action: linked.action ?? "*", id: linked.resource_id ?? "*" })}
              </Tag>
              <Button
                size="small"
                type="link"
                onClick={() =>
                  setParams(
                    (p) => {
                      const next = new URLSearchParams(p);
                      next.delete("resource_id");
                      next.delete("action");
                      return next;
                    },
                    { replace: true },
                  )
                }
              >
                {t("audit.clearLinked")}
              </Button>
            </Space>
          ) : null}
        </Space>
        <DataTable<AuditEvent>
          key={tableKey}
          ariaLabel={scope === "tenant" ? t("audit.tenantTitle") : t("audit.projectTitle")}
          list={(q) => api.audit.list(auditScope, pageQuery(q, fixedQuery))}
          exportCsv={(q) => api.audit.exportCsv(auditScope, exportQuery(q, fixedQuery))}
          exportJson={(q) => api.audit.exportJson(auditScope, exportQuery(q, fixedQuery))}
          exportName="audit-events"
          queryKey={["audit", scope, scope === "tenant" ? tenantId : projectId, fixedQuery]}
          columns={columns}
          rowKey={(e) => e.id}
          searchPlaceholder={t("audit.searchPlaceholder")}
          filters={[
            { key: "actor", label: t("audit.filterActor"), type: "text" },
            { key: "actor_type", label: t("audit.filterActorType"), type: "select", options: actorTypes },
            ...(fixedQuery.action
              ? []
              : [{ key: "action", label: t("audit.filterAction"), type: "text" as const }]),
            ...(scope === "tenant"
              ? [
                  {
                    key: "resource_type",
                    label: t("audit.filterResourceType"),
                    type: "select" as const,
                    options: tenantResourceTypes.map((r) => ({ value: r, label: r })),
                  },
                  {
                    key: "project_id",
                    label: t("audit.filterProject"),
                    type: "select" as const,
                    options: (projects.data?.data ?? []).map((p) => ({ value: p.id, label: p.name })),
                  },
                ]
              : []),
          ]}
          empty={<EmptyState title={t("audit.empty")} description={t("audit.emptyHint")} />}
        />
      </Space>
      <AuditDetailDrawer eventId={eventId} onClose={() => openEvent(null)} />
    </>
  );
}

const actorTypes = ["user", "service_account", "api_key", "system"].map((v) => ({ value: v, label: v }));
