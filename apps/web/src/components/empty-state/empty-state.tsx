import { Empty, Space } from "antd";
import type { ReactNode } from "react";

/** An empty list or page: what is missing, why it matters, and the action that fills it. */
export function EmptyState({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Space orientation="vertical" size={4}>
          <strong>{title}</strong>
          {description ? <span>{description}</span> : null}
        </Space>
      }
    >
      {actions ? <Space wrap>{actions}</Space> : null}
    </Empty>
  );
}
