import { Badge, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { type BadgeColor, type StatusKind, statusEnums } from "./status-enums";

const tagColor: Record<BadgeColor, string> = {
  success: "green",
  processing: "blue",
  default: "default",
  error: "red",
  warning: "orange",
};

/** A translated, coloured status for any enum of §7.2; an unknown value shows as it came. */
export function StatusBadge({ kind, value, asTag }: { kind: StatusKind; value: string; asTag?: boolean }) {
  const { t } = useTranslation();
  const values = statusEnums[kind] as Record<string, BadgeColor>;
  const color = values[value] ?? "default";
  const key = `status.${kind}.${value}`;
  const label = value in values ? t(key as never) : value;
  if (asTag || kind === "env") {
    return (
      <Tag color={tagColor[color]} data-status={value}>
        {label}
      </Tag>
    );
  }
  return <Badge status={color} text={label} data-status={value} />;
}
