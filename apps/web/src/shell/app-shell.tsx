import { MenuFoldOutlined, MenuUnfoldOutlined } from "@ant-design/icons";
import { Button, Layout } from "antd";
import { Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useParams } from "react-router";
import { ErrorBoundary } from "../components/error-boundary/error-boundary";
import { Breadcrumbs } from "./breadcrumbs";
import { GlobalSearch } from "./global-search";
import { NotificationBell } from "./notifications/notification-bell";
import { PageSkeleton } from "./page-skeleton";
import { Sidebar } from "./sidebar";
import { HelpLink, UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

/** Top bar, scope sidebar and content area around every tenant and project page (§2.1). */
export function AppShell() {
  const { t } = useTranslation();
  const { tenantId = "", projectId } = useParams();
  const location = useLocation();
  // Below Ant Design's lg (992 px) the sidebar starts hidden and, opened, lies over the page
  // (styles.css) rather than squeezing it; a page change closes it again.
  const [narrow, setNarrow] = useState(() => typeof window !== "undefined" && window.innerWidth < 992);
  const [collapsed, setCollapsed] = useState(narrow);
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every page change
  useEffect(() => {
    if (narrow) setCollapsed(true);
  }, [location.pathname, narrow]);
  return (
    <Layout className={narrow ? "infera-shell infera-shell-narrow" : "infera-shell"}>
      <Layout.Header className="infera-topbar">
        <Button
          type="text"
          icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
          aria-label={t("shell.toggleNavigation")}
          aria-expanded={!collapsed}
          aria-controls="infera-sider"
          onClick={() => setCollapsed((c) => !c)}
        />
        <Link to="/workspace" className="infera-logo" aria-label={t("shell.home")}>
          Infera
        </Link>
        <WorkspaceSwitcher tenantId={tenantId} projectId={projectId} />
        <div className="infera-topbar-spacer" />
        <GlobalSearch tenantId={tenantId} projectId={projectId} />
        <NotificationBell />
        <HelpLink />
        <UserMenu />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          id="infera-sider"
          width={208}
          collapsible
          collapsed={collapsed}
          trigger={null}
          collapsedWidth={0}
          breakpoint="lg"
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setCollapsed(broken);
          }}
          theme="light"
          className="infera-sider"
        >
          <Sidebar tenantId={tenantId} projectId={projectId} />
        </Layout.Sider>
        <Layout.Content className="infera-content">
          <Breadcrumbs />
          <main>
            <ErrorBoundary resetKey={location.pathname}>
              <Suspense fallback={<PageSkeleton />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
