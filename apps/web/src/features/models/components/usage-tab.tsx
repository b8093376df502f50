import type { Model } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorState } from "../../../components/error-state/error-state";
import { IDBadge } from "../../../components/id-badge/id-badge";
import type { Dependant } from "../../../lib/api-error";
import { api } from "../../../lib/client";
import { dependantKind, dependantPage } from "../../../lib/dependants";
import { modelKeys } from "../api";

/** Usage: what references the model or its versions now (what would block its deletion). */
export function UsageTab({ model }: { model: Model }) {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams();
  const usage = useQuery({
    queryKey: modelKeys.usage(model.id),
    queryFn: () => api.models.usage(model.id),
  });
  if (usage.isError) return <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text type="secondary">{t("modelsPage.usage.hint")}</Typography.Text>
      <Table<Dependant>
        size="small"
        aria-label={t("modelsPage.usage.title")}
        rowKey={(d) => `${d.type}:${d.id}`}
        loading={usage.isPending}
        pagination={false}
        locale={{ emptyText: t("modelsPage.usage.empty") }}
        dataSource={usage.data?.dependants ?? []}
        columns={[
          {
            key: "type",
            title: t("modelsPage.usage.type"),
            render: (_, d) => {
              const kind = dependantKind(d.type);
              return kind ? t(kind.label) : d.type;
            },
          },
          {
            key: "name",
            title: t("modelsPage.usage.name"),
            render: (_, d) => {
              const href = dependantPage(tenantId, d);
              return href ? <Link to={href}>{d.name}</Link> : d.name;
            },
          },
          { key: "id", title: t("modelsPage.usage.id"), render: (_, d) => <IDBadge id={d.id} /> },
        ]}
      />
    </Space>
  );
}
