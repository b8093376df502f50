import { Form, Modal, Select } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ReviewChangesDialog } from "./review-changes-dialog";

/** Pick a new role, then review the change before it is applied (EditTenantRole / EditMemberRole). */
export function EditRoleDialog({
  open,
  title,
  subject,
  current,
  options,
  onCancel,
  onSubmit,
  children,
}: {
  open: boolean;
  title: ReactNode;
  /** whose role, shown in the review summary */
  subject: string;
  current: string;
  options: { value: string; label: string }[];
  onCancel: () => void;
  onSubmit: (role: string) => Promise<unknown>;
  /** extra content under the picker (e.g. a warning for the chosen role) */
  children?: (role: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState(current);
  const [reviewing, setReviewing] = useState(false);
  useEffect(() => {
    if (open) {
      setRole(current);
      setReviewing(false);
    }
  }, [open, current]);
  const label = (v: string) => options.find((o) => o.value === v)?.label ?? v;
  return (
    <>
      <Modal
        open={open && !reviewing}
        title={title}
        okText={t("dialogs.review")}
        cancelText={t("common.cancel")}
        okButtonProps={{ disabled: role === current }}
        onOk={() => setReviewing(true)}
        onCancel={onCancel}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t("dialogs.role")}>
            <Select aria-label={t("dialogs.role")} value={role} onChange={setRole} options={options} />
          </Form.Item>
        </Form>
        {children?.(role)}
      </Modal>
      <ReviewChangesDialog
        open={open && reviewing}
        title={title}
        summary={[{ label: subject, value: `${label(current)} → ${label(role)}` }]}
        before={{ role: current }}
        after={{ role }}
        onCancel={() => setReviewing(false)}
        onConfirm={() => onSubmit(role)}
      />
    </>
  );
}
