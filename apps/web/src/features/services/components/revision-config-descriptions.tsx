import type { ServiceRevisionConfig } from "@infera/contracts";
import { Descriptions } from "antd";
import { useTranslation } from "react-i18next";
import { IDBadge } from "../../../components/id-badge/id-badge";

/** A revision's resolved configuration: model version (never a tag), runtime, resources, autoscaling. */
export function RevisionConfigDescriptions({ config }: { config: ServiceRevisionConfig }) {
  const { t } = useTranslation();
  const r = config.runtime;
  const a = config.autoscaling;
  const params = [
    r.context_size !== undefined ? `${t("serviceDetail.deploy.contextSize")} ${r.context_size}` : null,
    r.threads !== undefined
      ? `${t("serviceDetail.deploy.threads")} ${r.threads ?? t("serviceDetail.deploy.auto")}`
      : null,
    r.parallel !== undefined ? `${t("serviceDetail.deploy.parallel")} ${r.parallel}` : null,
    r.base_url ? `${t("serviceDetail.deploy.baseUrl")} ${r.base_url}` : null,
    r.upstream_model ? `${t("serviceDetail.deploy.upstreamModel")} ${r.upstream_model}` : null,
    r.api_key_set ? t("serviceDetail.overview.apiKeySet") : null,
  ].filter(Boolean);
  return (
    <Descriptions size="small" column={1} bordered aria-label={t("serviceDetail.overview.configLabel")}>
      <Descriptions.Item label={t("serviceDetail.overview.model")}>
        <IDBadge id={config.model.model_id} />
      </Descriptions.Item>
      <Descriptions.Item label={t("serviceDetail.overview.version")}>
        <IDBadge id={config.model.version_id} />
      </Descriptions.Item>
      {config.model.base_version_id ? (
        <Descriptions.Item label={t("serviceDetail.overview.baseVersion")}>
          <IDBadge id={config.model.base_version_id} />
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t("serviceDetail.overview.runtime")}>
        {r.kind}
        {params.length ? ` · ${params.join(" · ")}` : ""}
      </Descriptions.Item>
      <Descriptions.Item label={t("serviceDetail.overview.resources")}>
        {t("serviceDetail.overview.resourcesValue", {
          resourceClass: config.resources.resource_class,
          gpus: config.resources.gpu_count,
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t("serviceDetail.overview.autoscaling")}>
        {t("serviceDetail.overview.autoscalingValue", {
          min: a.min_replicas,
          max: a.max_replicas,
          metric: t(`serviceDetail.metric.${a.metric}`),
          target: a.target,
          delay: a.scale_down_delay_seconds,
        })}
        {a.scale_to_zero ? ` · ${t("serviceDetail.overview.scaleToZero")}` : ""}
      </Descriptions.Item>
    </Descriptions>
  );
}
