import { lazy } from "react";
import type { RouteObject } from "react-router";
import { WithMessages } from "../../i18n/with-messages";
import type { RouteHandle } from "../../shell/breadcrumbs";

// Each page is its own chunk: the charts load only when someone opens the usage page.
const UsagePage = lazy(() => import("./pages/usage-page").then((m) => ({ default: m.UsagePage })));
const PricesPage = lazy(() => import("./pages/prices-page").then((m) => ({ default: m.PricesPage })));

const page = (path: string, element: React.ReactNode, handle: RouteHandle): RouteObject => ({
  path,
  // The page shows its skeleton until its messages are here (they are not in the core dictionary).
  element: <WithMessages area="usage">{element}</WithMessages>,
  handle,
});

/** Usage and cost under /t/:tenantId/p/:projectId (seed 000 §4.3.9). */
export const usageRoutes: RouteObject[] = [page("usage", <UsagePage />, { crumb: "nav.usage" })];

/** The tenant's price table under /t/:tenantId (what the cost estimates are made from). */
export const pricesRoutes: RouteObject[] = [page("prices", <PricesPage />, { crumb: "nav.prices" })];
