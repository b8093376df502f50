import { lazy } from "react";
import type { RouteObject } from "react-router";
import { WithMessages } from "../../i18n/with-messages";
import type { RouteHandle } from "../../shell/breadcrumbs";

const DatasetsPage = lazy(() => import("./pages/datasets-page").then((m) => ({ default: m.DatasetsPage })));
const DatasetDetailPage = lazy(() =>
  import("./pages/dataset-detail-page").then((m) => ({ default: m.DatasetDetailPage })),
);

const page = (path: string, element: React.ReactNode, handle: RouteHandle): RouteObject => ({
  path,
  // The page shows its skeleton until its messages are here (they are not in the core dictionary).
  element: <WithMessages area="datasets">{element}</WithMessages>,
  handle,
});

/** The datasets pages under /t/:tenantId/p/:projectId (seed 000 §1.2, §4.3.4). */
export const datasetsRoutes: RouteObject[] = [
  page("datasets", <DatasetsPage />, { crumb: "nav.datasets" }),
  page("datasets/:datasetId", <DatasetDetailPage />, { crumb: "nav.datasets", detailParam: "datasetId" }),
];
