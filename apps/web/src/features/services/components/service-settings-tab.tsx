import type { ServiceDetail } from "@infera/contracts";
import { Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { headlineRevision } from "../service-detail-api";
import { RevisionConfigDescriptions } from "./revision-config-descriptions";

/**
 * Settings: the service's own fields and the headline revision's configuration; "Edit" deploys a
 * new revision (a configuration never changes in place), and the danger zone deletes the service.
 */
export function ServiceSettingsTab({
  service,
  projectId,
  onEdit,
  onEditDetails,
  onDelete,
}: {
  service: ServiceDetail;
  projectId: string;
  onEdit: () => void;
  onEditDetails: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const revision = headlineRevision(service);
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="large">
      <Card
        size="small"
        title={t("serviceDetail.settings.service")}
        extra={
          <PermissionGuard action="service.update" projectId={projectId} mode="hide">
            <Button onClick={onEditDetails}>{t("serviceDetail.settings.editDetails")}</Button>
          </PermissionGuard>
        }
      >
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("serviceDetail.settings.name")}>{service.name}</Descriptions.Item>
          <Descriptions.Item label={t("serviceDetail.settings.description")}>
            {service.description || "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("serviceDetail.settings.env")}>
            <StatusBadge kind="env" value={service.env} />
          </Descriptions.Item>
          <Descriptions.Item label={t("serviceDetail.overview.exposure")}>
            {t(`serviceDetail.exposure.${service.exposure}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("serviceDetail.overview.allowList")}>
            {service.ip_allow_list.length
              ? service.ip_allow_list.map((c) => <Tag key={c}>{c}</Tag>)
              : t("serviceDetail.overview.anyone")}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {revision ? (
        <Card
          size="small"
          title={t("serviceDetail.overview.config", { number: revision.number })}
          extra={
            <PermissionGuard action="service.revision.deploy" projectId={projectId} mode="hide">
              <Button type="primary" onClick={onEdit}>
                {t("serviceDetail.settings.edit")}
              </Button>
            </PermissionGuard>
          }
        >
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Typography.Text type="secondary">{t("serviceDetail.settings.editHint")}</Typography.Text>
            <RevisionConfigDescriptions config={revision.config} />
          </Space>
        </Card>
      ) : null}
      <PermissionGuard action="service.delete" projectId={projectId} mode="hide">
        {(decision) =>
          decision.allowed ? (
            <Card
              size="small"
              title={<Typography.Text type="danger">{t("serviceDetail.settings.danger")}</Typography.Text>}
              style={{ borderColor: "#ffccc7" }}
            >
              <Space orientation="vertical">
                <Typography.Text>{t("serviceDetail.settings.deleteHint")}</Typography.Text>
                <Button danger onClick={onDelete}>
                  {t("serviceDetail.actions.delete")}
                </Button>
              </Space>
            </Card>
          ) : null
        }
      </PermissionGuard>
    </Space>
  );
}
