import { LockOutlined } from "@ant-design/icons";
import { Menu, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { usePermissions } from "../permissions/use-permissions";
import { type NavItem, projectNav, tenantNav } from "./nav";

/** Tenant-scope or project-scope navigation, gated by the caller's permissions (§3.2). */
export function Sidebar({ tenantId, projectId }: { tenantId: string; projectId?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const permissions = usePermissions(projectId, tenantId);
  const base = projectId
    ? `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`
    : `/t/${encodeURIComponent(tenantId)}`;
  const nav: NavItem[] = projectId ? projectNav : tenantNav;
  const selected = nav.find((n) => location.pathname.startsWith(`${base}/${n.path}`))?.path;

  const link = (n: NavItem) => {
    const to = `${base}/${n.path}`;
    if (!n.soon) return <Link to={to}>{t(n.label)}</Link>;
    // Still opens (deep links work), but says before the click that nothing is there yet.
    return (
      <Tooltip title={t("nav.soonHint")} placement="right">
        <Link to={to} data-soon="true">
          <Typography.Text type="secondary">{t(n.label)}</Typography.Text>{" "}
          <Tag bordered={false} style={{ marginInlineStart: 4 }}>
            {t("nav.soon")}
          </Tag>
        </Link>
      </Tooltip>
    );
  };

  const items = nav.flatMap((n) => {
    const label = t(n.label);
    if (!n.action) return [{ key: n.path, label: link(n) }];
    const decision = permissions.can(n.action);
    if (decision.allowed) return [{ key: n.path, label: link(n) }];
    if (n.denied === "hide" || permissions.isLoading) return [];
    const reason = decision.reason ?? t("permissions.notAllowed");
    return [
      {
        key: n.path,
        disabled: true,
        label: (
          <Tooltip title={reason} placement="right">
            <span data-locked-reason={reason}>
              {label} <LockOutlined aria-label={t("permissions.locked")} />
            </span>
          </Tooltip>
        ),
      },
    ];
  });

  return (
    <nav aria-label={projectId ? t("shell.projectNavigation") : t("shell.tenantNavigation")}>
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        items={items}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );
}
