import type { ApiKey } from "@infera/contracts";
import { Alert, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";

/**
 * Rotate (seed 000 §4.3.8): a new key in place of this one; the old one is revoked now (the
 * default) or kept until it is revoked by hand, so clients can move over one by one.
 */
export function RotateApiKeyDialog({
  apiKey,
  onClose,
  onRotate,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onRotate: (keepOld: boolean) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [keepOld, setKeepOld] = useState(false);
  return (
    <ConfirmDialog
      open
      modalId="ApiKey-rotate"
      title={t("apiKeys.rotate.title", { name: apiKey.name })}
      confirmText={t("apiKeys.rotate.ok")}
      onCancel={onClose}
      onConfirm={() => onRotate(keepOld)}
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
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
