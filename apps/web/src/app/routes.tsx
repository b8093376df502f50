import { lazy } from "react";
import { Navigate, type RouteObject } from "react-router";
import { apiKeysRoutes } from "../features/api-keys/routes";
import { datasetsRoutes } from "../features/datasets/routes";
import { evaluationRoutes } from "../features/evaluation/routes";
import { fineTuningRoutes } from "../features/fine-tuning/routes";
import { modelsRoutes } from "../features/models/routes";
import { servicesRoutes } from "../features/services/routes";
import { pricesRoutes, usageRoutes } from "../features/usage/routes";
import { WithMessages } from "../i18n/with-messages";
import type { RouteHandle } from "../shell/breadcrumbs";
import { RootLayout } from "../shell/page-skeleton";

// One chunk for both: the App context around every page but login, and the session check.
const ConsoleLayout = lazy(() =>
  import("../shell/console-layout").then((m) => ({ default: m.ConsoleLayout })),
);
const RequireAuth = lazy(() => import("../shell/console-layout").then((m) => ({ default: m.RequireAuth })));

const AppShell = lazy(() => import("../shell/app-shell").then((m) => ({ default: m.AppShell })));
// Each page is its own chunk: the login page does not load the console's tables and charts.
const LoginPage = lazy(() =>
  import("../features/auth/pages/login-page").then((m) => ({ default: m.LoginPage })),
);
const WorkspacePage = lazy(() =>
  import("../features/workspace/pages/workspace-page").then((m) => ({ default: m.WorkspacePage })),
);
const TenantOverviewPage = lazy(() =>
  import("../features/tenant/pages/tenant-overview-page").then((m) => ({ default: m.TenantOverviewPage })),
);
const ProjectsPage = lazy(() =>
  import("../features/tenant/pages/projects-page").then((m) => ({ default: m.ProjectsPage })),
);
const UsersPage = lazy(() =>
  import("../features/tenant/pages/users-page").then((m) => ({ default: m.UsersPage })),
);
const AuditPage = lazy(() =>
  import("../features/audit/pages/audit-page").then((m) => ({ default: m.AuditPage })),
);
const ProjectDashboardPage = lazy(() =>
  import("../features/project/pages/project-dashboard-page").then((m) => ({
    default: m.ProjectDashboardPage,
  })),
);
const ProjectSettingsPage = lazy(() =>
  import("../features/project/pages/project-settings-page").then((m) => ({ default: m.ProjectSettingsPage })),
);
const AcceptInvitationPage = lazy(() =>
  import("../features/invitations/pages/accept-invitation-page").then((m) => ({
    default: m.AcceptInvitationPage,
  })),
);
const NodesPage = lazy(() =>
  import("../features/platform/pages/nodes-page").then((m) => ({ default: m.NodesPage })),
);
const ComingSoonPage = lazy(() =>
  import("../features/misc/coming-soon-page").then((m) => ({ default: m.ComingSoonPage })),
);
const NotFoundPage = lazy(() =>
  import("../features/misc/coming-soon-page").then((m) => ({ default: m.NotFoundPage })),
);

function page(path: string, element: React.ReactNode, handle: RouteHandle): RouteObject {
  return { path, element, handle };
}
const soon = (path: string, handle: RouteHandle) => page(path, <ComingSoonPage />, handle);

/** The routes of seed 000 §1.2. */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    children: [
      { path: "/login", element: <LoginPage /> },
      {
        element: <ConsoleLayout />,
        children: [
          { path: "/invite/:token", element: <AcceptInvitationPage /> },
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <Navigate to="/workspace" replace /> },
              { path: "/workspace", element: <WorkspacePage /> },
              {
                path: "/t/:tenantId",
                element: <AppShell />,
                children: [
                  { index: true, element: <Navigate to="overview" replace /> },
                  page("overview", <TenantOverviewPage />, { crumb: "nav.overview" }),
                  page("projects", <ProjectsPage />, { crumb: "nav.projects" }),
                  page("users", <UsersPage />, { crumb: "nav.users" }),
                  soon("billing", { crumb: "nav.billing" }),
                  ...pricesRoutes,
                  soon("quotas-budgets", { crumb: "nav.quotasBudgets" }),
                  soon("alerts", { crumb: "nav.alerts" }),
                  page("audit", <AuditPage scope="tenant" />, { crumb: "nav.audit" }),
                  {
                    path: "p/:projectId",
                    children: [
                      { index: true, element: <Navigate to="dashboard" replace /> },
                      page("dashboard", <ProjectDashboardPage />, { crumb: "nav.dashboard" }),
                      ...modelsRoutes,
                      ...datasetsRoutes,
                      ...fineTuningRoutes,
                      ...evaluationRoutes,
                      ...servicesRoutes,
                      ...apiKeysRoutes,
                      ...usageRoutes,
                      page(
                        "settings",
                        <WithMessages area="project">
                          <ProjectSettingsPage />
                        </WithMessages>,
                        { crumb: "nav.settings" },
                      ),
                      page("audit", <AuditPage scope="project" />, { crumb: "nav.audit" }),
                    ],
                  },
                  { path: "*", element: <NotFoundPage /> },
                ],
              },
              {
                path: "/platform/tenants",
                element: <ComingSoonPage />,
                handle: { crumb: "nav.platformTenants" },
              },
              {
                path: "/platform/system-models",
                element: <ComingSoonPage />,
                handle: { crumb: "nav.platformModels" },
              },
              {
                path: "/platform/nodes",
                element: <NodesPage />,
                handle: { crumb: "nav.platformNodes" },
              },
              {
                path: "/platform/audit",
                element: <ComingSoonPage />,
                handle: { crumb: "nav.platformAudit" },
              },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
