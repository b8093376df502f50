import type { ApiKey } from "@infera/contracts";
import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The scopes of a key as chips. */
export function ScopeChips({ scopes }: { scopes: ApiKey["scopes"] }) {
  return (
    <Space size={[4, 4]} wrap>
      {scopes.map((s) => (
        <Tag key={s} data-scope={s}>
          {s}
        </Tag>
      ))}
    </Space>
  );
}

/** The secret's recognizable first characters (never the secret). */
export function KeyPrefix({ prefix }: { prefix: string }) {
  return <Typography.Text code>{`${prefix}…`}</Typography.Text>;
}

/** A limit as a number, or "Unlimited" for null. */
export function useLimitText() {
  const { t, i18n } = useTranslation();
  return (v: number | null) => (v === null ? t("apiKeys.unlimited") : v.toLocaleString(i18n.language));
}
