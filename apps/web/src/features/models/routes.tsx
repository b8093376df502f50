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

/** The models pages under /t/:tenantId/p/:projectId (seed 000 §1.2). */
export const modelsRoutes: RouteObject[] = [
  page("models", <ComingSoonPage />, { crumb: "nav.models" }),
  page("models/:modelId", <ComingSoonPage />, { crumb: "nav.models", detailParam: "modelId" }),
];
