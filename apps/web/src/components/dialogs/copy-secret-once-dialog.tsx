import { Alert, Button, Checkbox, Input, Modal, Space } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export interface CopySecretOnceDialogProps {
  open: boolean;
  title: ReactNode;
  secret: string;
  description?: ReactNode;
  /** Shown under the secret (how to use it: a code example). */
  children?: ReactNode;
  width?: number;
  /** Called only after "I have saved it" is ticked. */
  onDone: () => void;
}

/**
 * A secret shown once (API key, token, invitation link). It cannot be dismissed — no ×, no Esc,
 * no click outside — until the user ticks that they have saved it.
 */
export function CopySecretOnceDialog({
  open,
  title,
  secret,
  description,
  children,
  width,
  onDone,
}: CopySecretOnceDialogProps) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (open) {
      setSaved(false);
      setCopied(false);
    }
  }, [open]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      width={width}
      footer={
        <Button type="primary" disabled={!saved} onClick={onDone}>
          {t("common.done")}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Alert type="warning" showIcon title={t("dialogs.secretShownOnce")} description={description} />
        <Space.Compact style={{ width: "100%" }}>
          <Input
            readOnly
            value={secret}
            aria-label={t("dialogs.secretValue")}
            onFocus={(e) => e.target.select()}
          />
          <Button onClick={copy}>{copied ? t("common.copied") : t("common.copy")}</Button>
        </Space.Compact>
        {children}
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
          {t("dialogs.iHaveSaved")}
        </Checkbox>
      </Space>
    </Modal>
  );
}
