import { Layout } from "antd";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useParams } from "react-router";
import { ErrorBoundary } from "../components/error-boundary/error-boundary";
import { Breadcrumbs } from "./breadcrumbs";
import { GlobalSearch } from "./global-search";
import { PageSkeleton } from "./page-skeleton";
import { Sidebar } from "./sidebar";
import { HelpLink, NotificationBell, UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

/** Top bar, scope sidebar and content area around every tenant and project page (§2.1). */
export function AppShell() {
  const { t } = useTranslation();
  const { tenantId = "", projectId } = useParams();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(() => typeof window !== "undefined" && window.innerWidth < 900);
  return (
    <Layout className="infera-shell">
      <Layout.Header className="infera-topbar">
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
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          collapsedWidth={0}
          breakpoint="md"
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
