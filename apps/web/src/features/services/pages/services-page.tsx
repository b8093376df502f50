import { CloudServerOutlined } from "@ant-design/icons";
import type { ServiceListItem } from "@infera/contracts";
import { Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import {
  DataTable,
  type DataTableColumn,
  type DataTableFilter,
} from "../../../components/data-table/data-table";
import { exportQuery, pageQuery } from "../../../components/data-table/data-table-query";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { shortId } from "../../../components/id-badge/short-id";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { PageHeader } from "../../../shell/page-header";
import { serviceKeys, servicePaths } from "../api";

const states = ["pending", "downloading", "starting", "ready", "inactive", "failed"] as const;

/** "r1 90% · r2 10%": the revisions carrying traffic, largest share first (as the API orders them). */
export function trafficSummary(traffic: ServiceListItem["traffic"]): string {
  return traffic.length ? traffic.map((e) => `${shortId(e.revision_id)} ${e.percent}%`).join(" · ") : "—";
}

/** §4.3.7: the project's inference services, filtered and paged on the server, and the create wizard's button. */
export function ServicesPage() {
  const { t } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const navigate = useNavigate();
  const { formatDate } = usePreferences();
  const paths = servicePaths(tenantId, projectId);
  const createButton = (
    <PermissionGuard action="service.create" projectId={projectId}>
      <Button type="primary" icon={<CloudServerOutlined />} onClick={() => navigate(paths.create)}>
        {t("servicesPage.create")}
      </Button>
    </PermissionGuard>
  );
  const columns: DataTableColumn<ServiceListItem>[] = [
    {
      key: "name",
      title: t("servicesPage.col.name"),
      render: (s) => (
        <span>
          <Link to={paths.service(s.id)}>{s.name}</Link> <StatusBadge kind="env" value={s.env} />
        </span>
      ),
    },
    {
      key: "current_state",
      title: t("servicesPage.col.state"),
      render: (s) => <StatusBadge kind="service_current_state" value={s.current_state} asTag />,
    },
    {
      key: "desired_state",
      title: t("servicesPage.col.desiredState"),
      render: (s) => t(`status.service_desired_state.${s.desired_state}`),
    },
    {
      key: "model_version_id",
      title: t("servicesPage.col.model"),
      render: (s) =>
        s.model_version_id ? (
          <Link to={paths.modelVersion(s.model_version_id)}>
            <IDBadge id={s.model_version_id} />
          </Link>
        ) : (
          "—"
        ),
    },
    { key: "runtime", title: t("servicesPage.col.runtime"), render: (s) => s.runtime ?? "—" },
    {
      key: "current_revision_id",
      title: t("servicesPage.col.revision"),
      render: (s) => (s.current_revision_id ? <IDBadge id={s.current_revision_id} /> : "—"),
    },
    {
      key: "traffic",
      title: t("servicesPage.col.traffic"),
      render: (s) => <Typography.Text>{trafficSummary(s.traffic)}</Typography.Text>,
    },
    {
      key: "replicas",
      title: t("servicesPage.col.replicas"),
      render: (s) =>
        s.replicas.min === null
          ? t("servicesPage.replicasReady", { ready: s.replicas.ready })
          : t("servicesPage.replicas", {
              ready: s.replicas.ready,
              min: s.replicas.min,
              max: s.replicas.max,
            }),
    },
    {
      key: "exposure",
      title: t("servicesPage.col.exposure"),
      render: (s) =>
        s.exposure === "public" && s.ip_allow_list.length
          ? t("servicesPage.exposureAllowList", { count: s.ip_allow_list.length })
          : t(`servicesPage.exposure.${s.exposure}`),
    },
    {
      key: "updated_at",
      title: t("common.updatedAt"),
      render: (s) => formatDate(s.updated_at),
    },
  ];
  const filters: DataTableFilter[] = [
    {
      key: "state",
      label: t("servicesPage.filter.state"),
      type: "select",
      options: states.map((value) => ({ value, label: t(`status.service_current_state.${value}`) })),
    },
    {
      key: "desired_state",
      label: t("servicesPage.filter.desiredState"),
      type: "select",
      options: (["active", "inactive"] as const).map((value) => ({
        value,
        label: t(`status.service_desired_state.${value}`),
      })),
    },
    {
      key: "env",
      label: t("servicesPage.filter.env"),
      type: "select",
      options: (["dev", "test", "prod"] as const).map((value) => ({
        value,
        label: t(`status.env.${value}`),
      })),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("servicesPage.title")}
        description={t("servicesPage.description")}
        primary={createButton}
      />
      <DataTable<ServiceListItem>
        ariaLabel={t("servicesPage.title")}
        list={(q) => api.services.list(projectId, pageQuery(q))}
        exportCsv={(q) => api.services.exportCsv(projectId, exportQuery(q))}
        exportJson={(q) => api.services.exportJson(projectId, exportQuery(q))}
        exportName="services"
        queryKey={serviceKeys.list(projectId)}
        columns={columns}
        rowKey={(s) => s.id}
        filters={filters}
        searchPlaceholder={t("servicesPage.search")}
        onRowClick={(s) => navigate(paths.service(s.id))}
        empty={
          <EmptyState
            title={t("servicesPage.empty")}
            description={t("servicesPage.emptyHint")}
            actions={createButton}
          />
        }
      />
    </>
  );
}
