import type { ServiceDetail, ServiceReplica } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Card, Descriptions, List, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { serviceKeys, servicePaths } from "../api";
import { headlineRevision } from "../service-detail-api";
import { RevisionConfigDescriptions } from "./revision-config-descriptions";

/**
 * Overview: the traffic split, what the headline revision runs (model version, runtime, resources,
 * autoscaling), how the service is reached, its replicas and its latest events.
 */
export function ServiceOverviewTab({
  service,
  tenantId,
  projectId,
}: {
  service: ServiceDetail;
  tenantId: string;
  projectId: string;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const paths = servicePaths(tenantId, projectId);
  const revision = headlineRevision(service);
  const numberOf = (id: string) => service.revisions.find((r) => r.id === id)?.number ?? "?";
  const events = useQuery({
    queryKey: [...serviceKeys.events(service.id), "recent"],
    queryFn: () => api.services.events.list(service.id, { limit: 10 }),
  });
  const replicaColumns = [
    {
      key: "id",
      title: t("serviceDetail.replicas.id"),
      render: (_: unknown, r: ServiceReplica) => <IDBadge id={r.id} />,
    },
    {
      key: "revision",
      title: t("serviceDetail.col.revision"),
      render: (_: unknown, r: ServiceReplica) =>
        t("serviceDetail.revisionNumber", { number: numberOf(r.revision_id) }),
    },
    {
      key: "state",
      title: t("serviceDetail.col.state"),
      render: (_: unknown, r: ServiceReplica) => (
        <Space orientation="vertical" size={0}>
          <Tag
            color={
              {
                pending: "default",
                ready: "green",
                starting: "blue",
                stopping: "orange",
                stopped: "default",
                failed: "red",
              }[r.state]
            }
          >
            {t(`serviceDetail.replicas.state.${r.state}`)}
          </Tag>
          {r.last_error ? <Typography.Text type="danger">{r.last_error}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      key: "node",
      title: t("serviceDetail.replicas.node"),
      render: (_: unknown, r: ServiceReplica) => <IDBadge id={r.node_id} />,
    },
    {
      key: "restarts",
      title: t("serviceDetail.replicas.restarts"),
      render: (_: unknown, r: ServiceReplica) => r.restart_count,
    },
    {
      key: "started",
      title: t("serviceDetail.replicas.started"),
      render: (_: unknown, r: ServiceReplica) => (r.started_at ? formatDate(r.started_at) : "—"),
    },
    // The process id and port are internal: the server answers them to admins only.
    ...(service.replicas.some((r) => r.pid !== null || r.port !== null)
      ? [
          {
            key: "pid",
            title: t("serviceDetail.replicas.pid"),
            render: (_: unknown, r: ServiceReplica) => r.pid ?? "—",
          },
          {
            key: "port",
            title: t("serviceDetail.replicas.port"),
            render: (_: unknown, r: ServiceReplica) => r.port ?? "—",
          },
        ]
      : []),
  ];
  const endpoint = `${window.location.origin}/v1`;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="large">
      <Card size="small" title={t("serviceDetail.overview.traffic")}>
        <Space wrap data-testid="traffic-summary">
          {service.traffic.length === 0 ? (
            <Typography.Text type="secondary">{t("serviceDetail.overview.noTraffic")}</Typography.Text>
          ) : (
            service.traffic.map((s) => (
              <Tag key={s.revision_id}>
                {t("serviceDetail.revisionNumber", { number: numberOf(s.revision_id) })} {s.percent}%
              </Tag>
            ))
          )}
        </Space>
      </Card>
      <Card size="small" title={t("serviceDetail.overview.access")}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("serviceDetail.overview.endpoint")}>
            <Typography.Text copyable>{endpoint}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("serviceDetail.overview.modelName")}>
            <Typography.Text copyable code>
              {service.name}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("serviceDetail.overview.exposure")}>
            {t(`serviceDetail.exposure.${service.exposure}`)}
          </Descriptions.Item>
          {service.exposure === "public" ? (
            <Descriptions.Item label={t("serviceDetail.overview.allowList")}>
              {service.ip_allow_list.length
                ? service.ip_allow_list.map((c) => <Tag key={c}>{c}</Tag>)
                : t("serviceDetail.overview.anyone")}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {revision ? (
        <Card
          size="small"
          title={t("serviceDetail.overview.config", { number: revision.number })}
          extra={
            <Link to={paths.modelVersion(revision.config.model.version_id)}>
              {t("serviceDetail.overview.openVersion")}
            </Link>
          }
        >
          <RevisionConfigDescriptions config={revision.config} />
        </Card>
      ) : null}
      <section aria-label={t("serviceDetail.replicas.title")}>
        <Typography.Title level={5}>{t("serviceDetail.replicas.title")}</Typography.Title>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={service.replicas}
          columns={replicaColumns}
          locale={{ emptyText: <Typography.Text>{t("serviceDetail.replicas.empty")}</Typography.Text> }}
        />
      </section>
      <section aria-label={t("serviceDetail.events.title")}>
        <Typography.Title level={5}>{t("serviceDetail.events.title")}</Typography.Title>
        {events.isError ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <List
            size="small"
            bordered
            loading={events.isPending}
            locale={{ emptyText: <Typography.Text>{t("serviceDetail.events.empty")}</Typography.Text> }}
            dataSource={events.data?.data ?? []}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <Tag>{t(`serviceDetail.events.type.${e.type}`)}</Tag>
                  <Typography.Text>{e.message}</Typography.Text>
                  <Typography.Text type="secondary">{formatDate(e.at)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </section>
    </Space>
  );
}
