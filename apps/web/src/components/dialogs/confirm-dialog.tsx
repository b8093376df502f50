import { Modal } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSubmitOnce } from "../../lib/use-submit-once";
import { InlineError } from "../error-state/inline-error";
import { busyButton } from "./busy-button";

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  children?: ReactNode;
  confirmText?: string;
  danger?: boolean;
  /** Resolves to close the dialog; a rejection is shown in the dialog, which stays open. */
  onConfirm: () => Promise<unknown> | unknown;
  onCancel: () => void;
  modalId?: string;
  /** Rendered inside the error for errors with structure (e.g. the dependants of resource_in_use). */
  renderError?: (error: unknown) => ReactNode;
}

/** A plain confirmation; the confirm button submits once and shows the server's error in place. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmText,
  danger,
  onConfirm,
  onCancel,
  modalId,
  renderError,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
    }
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={confirmText ?? t("common.confirm")}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger, ...busyButton(pending) }}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
      data-modal-id={modalId}
    >
      {children}
      {error ? <InlineError error={error}>{renderError?.(error)}</InlineError> : null}
    </Modal>
  );
}
