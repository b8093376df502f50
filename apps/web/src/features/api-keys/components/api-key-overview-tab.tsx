import type { ApiKey } from "@infera/contracts";
import { Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { StatusBadge } from "../../../components/status-badge/status-badge";
import { usePreferences } from "../../../lib/preferences";
import { KeyPrefix, ScopeChips, useLimitText } from "./api-key-cells";

/** Overview: every field of the key (never its secret); changes go through the Edit dialog. */
export function ApiKeyOverviewTab({ apiKey, keyHref }: { apiKey: ApiKey; keyHref: (id: string) => string }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const limitText = useLimitText();
  const k = apiKey;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: "id", label: t("apiKeys.detail.id"), children: <IDBadge id={k.id} /> },
        { key: "prefix", label: t("apiKeys.detail.prefix"), children: <KeyPrefix prefix={k.prefix} /> },
        {
          key: "status",
          label: t("apiKeys.detail.status"),
          children: <StatusBadge kind="api_key_status" value={k.status} asTag />,
        },
        { key: "scopes", label: t("apiKeys.detail.scopes"), children: <ScopeChips scopes={k.scopes} /> },
        { key: "rpm", label: t("apiKeys.detail.rpm"), children: limitText(k.rpm_limit) },
        { key: "daily", label: t("apiKeys.detail.dailyTokens"), children: limitText(k.daily_token_limit) },
        {
          key: "expires",
          label: t("apiKeys.detail.expires"),
          children: k.expires_at ? formatDate(k.expires_at) : t("apiKeys.never"),
        },
        ...(k.revoked_at
          ? [{ key: "revoked", label: t("apiKeys.detail.revokedAt"), children: formatDate(k.revoked_at) }]
          : []),
        {
          key: "last_used",
          label: t("apiKeys.detail.lastUsed"),
          children: (
            <>
              {k.last_used_at ? formatDate(k.last_used_at) : t("apiKeys.neverUsed")}
              <div>
                <Typography.Text type="secondary">{t("apiKeys.detail.lastUsedHint")}</Typography.Text>
              </div>
            </>
          ),
        },
        ...(k.rotated_from_id
          ? [
              {
                key: "rotated_from",
                label: t("apiKeys.detail.rotatedFrom"),
                children: (
                  <Link to={keyHref(k.rotated_from_id)}>
                    <IDBadge id={k.rotated_from_id} />
                  </Link>
                ),
              },
            ]
          : []),
        {
          key: "created_by",
          label: t("apiKeys.detail.createdBy"),
          children: k.created_by ? <IDBadge id={k.created_by} /> : "—",
        },
        { key: "created_at", label: t("apiKeys.detail.createdAt"), children: formatDate(k.created_at) },
        { key: "updated_at", label: t("apiKeys.detail.updatedAt"), children: formatDate(k.updated_at) },
        {
          key: "note",
          label: t("apiKeys.detail.note"),
          span: "filled",
          children: k.note ? (
            <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{k.note}</Typography.Text>
          ) : (
            "—"
          ),
        },
      ]}
    />
  );
}
