import { lazy } from "react";
import type { RouteObject } from "react-router";
import { WithMessages } from "../../i18n/with-messages";
import type { RouteHandle } from "../../shell/breadcrumbs";

// Each page is its own chunk: the wizard's forms load only when someone creates a service.
const ServicesPage = lazy(() => import("./pages/services-page").then((m) => ({ default: m.ServicesPage })));
const NewServicePage = lazy(() =>
  import("./pages/new-service-page").then((m) => ({ default: m.NewServicePage })),
);
const ServiceDetailPage = lazy(() =>
  import("./pages/service-detail-page").then((m) => ({ default: m.ServiceDetailPage })),
);

const page = (path: string, element: React.ReactNode, handle: RouteHandle): RouteObject => ({
  path,
  // The page shows its skeleton until its messages are here (they are not in the core dictionary).
  element: <WithMessages area="services">{element}</WithMessages>,
  handle,
});

/** The services list, create wizard and service page under /t/:tenantId/p/:projectId (seed 000 §4.3.7). */
export const servicesRoutes: RouteObject[] = [
  page("services", <ServicesPage />, { crumb: "nav.services" }),
  page("services/new", <NewServicePage />, { crumb: "nav.services" }),
  page("services/:serviceId", <ServiceDetailPage />, { crumb: "nav.services", detailParam: "serviceId" }),
];
