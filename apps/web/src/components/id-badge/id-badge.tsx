import { CopyOutlined } from "@ant-design/icons";
import { App, Button, Popover, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { shortId } from "./short-id";

/** An immutable id or hash: short form, copy button, and the full value in a popover. */
export function IDBadge({ id, label }: { id: string; label?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      message.success(t("common.copied"));
    } catch {
      message.error(t("common.copyFailed"));
    }
  };
  return (
    <span className="infera-id-badge" style={{ display: "inline-flex", alignItems: "center", gap: 2 }}>
      <Popover
        trigger="click"
        title={label ?? t("idBadge.fullId")}
        content={
          <Typography.Text code copyable={false} data-testid="full-id" style={{ wordBreak: "break-all" }}>
            {id}
          </Typography.Text>
        }
      >
        <Typography.Text
          code
          role="button"
          tabIndex={0}
          aria-label={t("idBadge.showFull", { id: shortId(id) })}
          style={{ cursor: "pointer", whiteSpace: "nowrap" }}
        >
          {shortId(id)}
        </Typography.Text>
      </Popover>
      <Button
        size="small"
        type="text"
        icon={<CopyOutlined />}
        aria-label={t("idBadge.copy", { id: shortId(id) })}
        onClick={copy}
      />
    </span>
  );
}
