import { List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Dependant, dependantsOf } from "../../../lib/api-error";

const pagesByType: Record<string, (d: Dependant) => string> = {
  service_account: () => "settings?tab=service-accounts",
  service: (d) => `services/${encodeURIComponent(d.id)}`,
  api_key: (d) => `api-keys/${encodeURIComponent(d.id)}`,
  model: (d) => `models/${encodeURIComponent(d.id)}`,
  dataset: (d) => `datasets/${encodeURIComponent(d.id)}`,
  fine_tuning_job: (d) => `fine-tuning/${encodeURIComponent(d.id)}`,
  evaluation_run: (d) => `evaluation/${encodeURIComponent(d.id)}`,
};

/** Where the console shows a dependant; the API link when the console has no page for its type. */
export function dependantHref(tenantId: string, d: Dependant): string {
  const page = pagesByType[d.type];
  if (page && d.project_id)
    return `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(d.project_id)}/${page(d)}`;
  return d.href;
}

/** The resources a `409 resource_in_use` lists, each linking to where it can be dealt with. */
export function DependantsList({ tenantId, error }: { tenantId: string; error: unknown }) {
  const { t } = useTranslation();
  const dependants = dependantsOf(error);
  if (dependants.length === 0) return null;
  return (
    <div>
      <Typography.Text>{t("errors.dependants")}</Typography.Text>
      <List
        size="small"
        aria-label={t("projects.dependants")}
        dataSource={dependants}
        renderItem={(d) => {
          const href = dependantHref(tenantId, d);
          return (
            <List.Item>
              <Typography.Text type="secondary">{d.type}</Typography.Text>{" "}
              {href.startsWith("/t/") ? <Link to={href}>{d.name}</Link> : <a href={href}>{d.name}</a>}
            </List.Item>
          );
        }}
      />
    </div>
  );
}
