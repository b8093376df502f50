import { List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { IDBadge } from "../components/id-badge/id-badge";
import { dependantsOf } from "../lib/api-error";
import { dependantKind, dependantPage } from "../lib/dependants";

/**
 * The resources a `409 resource_in_use` lists: type, name (a link to its console page when there
 * is one) and id. `onNavigate` lets the dialog close when a link leads elsewhere.
 */
export function DependantsList({
  tenantId,
  error,
  onNavigate,
}: {
  tenantId: string;
  error: unknown;
  onNavigate?: () => void;
}) {
  const { t } = useTranslation();
  const dependants = dependantsOf(error);
  if (dependants.length === 0) return null;
  const typeLabel = (type: string) => {
    const kind = dependantKind(type);
    return kind ? t(kind.label) : type;
  };
  return (
    <div>
      <Typography.Text>{t("errors.dependants")}</Typography.Text>
      <List
        size="small"
        aria-label={t("projects.dependants")}
        dataSource={dependants}
        renderItem={(d) => {
          const href = dependantPage(tenantId, d);
          return (
            <List.Item>
              <span style={{ display: "inline-flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
                <Typography.Text type="secondary">{typeLabel(d.type)}</Typography.Text>
                {href ? (
                  <Link to={href} onClick={onNavigate}>
                    {d.name}
                  </Link>
                ) : (
                  <Typography.Text>{d.name}</Typography.Text>
                )}
                <IDBadge id={d.id} />
              </span>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
