import type { ApiKey } from "@infera/contracts";
import { Alert, Radio, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";

/** Expiries an expired key's successor can take (the API refuses to copy a past one). */
const NEW_EXPIRIES = { "30d": 30, "90d": 90, never: null } as const;
type NewExpiry = keyof typeof NEW_EXPIRIES;

/**
 * Rotate (seed 000 §4.3.8): a new key in place of this one; the old one is revoked now (the
 * default) or kept until it is revoked by hand, so clients can move over one by one. An expired
 * key's successor gets a new expiry, chosen here (30 days by default).
 */
export function RotateApiKeyDialog({
  apiKey,
  onClose,
  onRotate,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onRotate: (keepOld: boolean, expiresAt?: string | null) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [keepOld, setKeepOld] = useState(false);
  const [newExpiry, setNewExpiry] = useState<NewExpiry>("30d");
  const expired = apiKey.status === "expired";
  const expiresAt = () => {
    const days = NEW_EXPIRIES[newExpiry];
    return days === null ? null : dayjs().add(days, "day").toISOString();
  };
  return (
    <ConfirmDialog
      open
      modalId="ApiKey-rotate"
      title={t("apiKeys.rotate.title", { name: apiKey.name })}
      confirmText={t("apiKeys.rotate.ok")}
      onCancel={onClose}
      onConfirm={() => (expired ? onRotate(keepOld, expiresAt()) : onRotate(keepOld))}
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        {expired ? (
          <>
            <Alert
              type="warning"
              showIcon
              title={t("apiKeys.rotate.expired", {
                date: dayjs(apiKey.expires_at).format("YYYY-MM-DD HH:mm"),
              })}
            />
            <Typography.Text id="api-key-rotate-expiry" strong>
              {t("apiKeys.rotate.newExpiry")}
            </Typography.Text>
            <Radio.Group
              aria-labelledby="api-key-rotate-expiry"
              optionType="button"
              value={newExpiry}
              onChange={(e) => setNewExpiry(e.target.value)}
              options={[
                { value: "30d", label: t("apiKeys.form.expiry30") },
                { value: "90d", label: t("apiKeys.form.expiry90") },
                { value: "never", label: t("apiKeys.form.expiryNever") },
              ]}
            />
          </>
        ) : null}
        <Typography.Text id="api-key-rotate-mode" strong>
          {t("apiKeys.rotate.mode")}
        </Typography.Text>
        <Radio.Group
          aria-labelledby="api-key-rotate-mode"
          value={keepOld ? "keep" : "revoke"}
          onChange={(e) => setKeepOld(e.target.value === "keep")}
        >
          <Space orientation="vertical">
            <Radio value="revoke">
              {t("apiKeys.rotate.revokeNow")}
              <div>
                <Typography.Text type="secondary">{t("apiKeys.rotate.revokeNowHint")}</Typography.Text>
              </div>
            </Radio>
            <Radio value="keep">
              {t("apiKeys.rotate.keepOld")}
              <div>
                <Typography.Text type="secondary">{t("apiKeys.rotate.keepOldHint")}</Typography.Text>
              </div>
            </Radio>
          </Space>
        </Radio.Group>
        <Alert type="info" showIcon title={t("apiKeys.rotate.same")} />
      </Space>
    </ConfirmDialog>
  );
}
