import type { Model } from "@infera/contracts";
import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../../../components/status-badge/status-badge";

const scopeColor = { system: "purple", tenant: "cyan", project: "blue" } as const;

/** Where a model comes from, relative to this project (System / Tenant / Project). */
export function ScopeBadge({ scope }: { scope: Model["scope"] }) {
  const { t } = useTranslation();
  return (
    <Tag color={scopeColor[scope]} data-scope={scope}>
      {t(`modelsPage.scope.${scope}`)}
    </Tag>
  );
}

export function ModelBadges({ model }: { model: Model }) {
  return (
    <Space size={4} wrap>
      <ScopeBadge scope={model.scope} />
      <StatusBadge kind="model_visibility" value={model.visibility} asTag />
    </Space>
  );
}
