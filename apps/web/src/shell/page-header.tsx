import { Space, Typography } from "antd";
import type { ReactNode } from "react";

/** Title, description, and the page's primary and secondary actions (§2.1 "Content"). */
export function PageHeader({
  title,
  description,
  primary,
  secondary,
}: {
  title: ReactNode;
  description?: ReactNode;
  primary?: ReactNode;
  secondary?: ReactNode;
}) {
  return (
    <header className="infera-page-header">
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {description ? (
          <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
            {description}
          </Typography.Paragraph>
        ) : null}
      </div>
      <Space wrap>
        {secondary}
        {primary}
      </Space>
    </header>
  );
}
