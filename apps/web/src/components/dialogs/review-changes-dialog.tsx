import { Descriptions, Modal, Space } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSubmitOnce } from "../../lib/use-submit-once";
import { DiffViewer } from "../diff-viewer/diff-viewer";
import { InlineError } from "../error-state/inline-error";
import { busyButton } from "./busy-button";

export interface ReviewChangesDialogProps {
  open: boolean;
  title: ReactNode;
  /** One line per notable effect, e.g. "Budget action: alert → block". */
  summary: { label: ReactNode; value: ReactNode }[];
  before: unknown;
  after: unknown;
  onConfirm: () => Promise<unknown> | unknown;
  onCancel: () => void;
}

/** The review step of a write: what will change, as a summary and a before/after diff. */
export function ReviewChangesDialog({
  open,
  title,
  summary,
  before,
  after,
  onConfirm,
  onCancel,
}: ReviewChangesDialogProps) {
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
      width={720}
      okText={t("dialogs.applyChanges")}
      cancelText={t("common.cancel")}
      okButtonProps={busyButton(pending)}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        {summary.length > 0 ? (
          <Descriptions size="small" column={1} bordered title={t("dialogs.summary")}>
            {summary.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: summary lines have no identity
              <Descriptions.Item key={i} label={s.label}>
                {s.value}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : null}
        <DiffViewer before={before} after={after} />
        {error ? <InlineError error={error} /> : null}
      </Space>
    </Modal>
  );
}
