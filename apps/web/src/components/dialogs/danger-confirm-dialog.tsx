import { Input, Modal, Space, Typography } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSubmitOnce } from "../../lib/use-submit-once";
import { InlineError } from "../error-state/inline-error";
import { busyButton } from "./busy-button";

export interface DangerConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  /** What the user must type, exactly, to enable the button (a resource's name). */
  confirmName: string;
  children?: ReactNode;
  confirmText?: string;
  onConfirm: () => Promise<unknown> | unknown;
  onCancel: () => void;
  /** Rendered under the input for errors with structure (e.g. the dependants of resource_in_use). */
  renderError?: (error: unknown) => ReactNode;
}

/** An irreversible action: enabled only once the resource's name has been typed. */
export function DangerConfirmDialog(props: DangerConfirmDialogProps) {
  const { open, title, confirmName, children, confirmText, onConfirm, onCancel, renderError } = props;
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) {
      setTyped("");
      setError(null);
    }
  }, [open]);
  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
    }
  });
  const matches = typed === confirmName;
  return (
    <Modal
      open={open}
      title={title}
      okText={confirmText ?? t("common.delete")}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger: true, ...busyButton(pending), disabled: !matches || pending }}
      onOk={() => matches && void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        {children}
        <Typography.Text>
          {t("dialogs.typeToConfirm")}{" "}
          <Typography.Text strong code>
            {confirmName}
          </Typography.Text>
        </Typography.Text>
        <Input
          aria-label={t("dialogs.typeNameLabel")}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          status={typed && !matches ? "error" : undefined}
        />
        {error ? <InlineError error={error}>{renderError?.(error)}</InlineError> : null}
      </Space>
    </Modal>
  );
}
