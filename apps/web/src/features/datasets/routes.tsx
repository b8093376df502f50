import { lazy } from "react";
import type { RouteObject } from "react-router";
import type { RouteHandle } from "../../shell/breadcrumbs";

const ComingSoonPage = lazy(() =>
  import("../misc/coming-soon-page").then((m) => ({ default: m.ComingSoonPage })),
);

const page = (path: string, element: React.ReactNode, handle: RouteHandle): RouteObject => ({
  path,
  element,
  handle,
});

/** The datasets pages under /t/:tenantId/p/:projectId (seed 000 §1.2). */
export const datasetsRoutes: RouteObject[] = [
  page("datasets", <ComingSoonPage />, { crumb: "nav.datasets" }),
  page("datasets/:datasetId", <ComingSoonPage />, { crumb: "nav.datasets", detailParam: "datasetId" }),
];
