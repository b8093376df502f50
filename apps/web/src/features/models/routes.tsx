import { lazy } from "react";
import type { RouteObject } from "react-router";
import { WithMessages } from "../../i18n/with-messages";
import type { RouteHandle } from "../../shell/breadcrumbs";

// Each page is its own chunk; the wizard, drawers and dialogs are chunks of their own under them.
const ModelsPage = lazy(() => import("./pages/models-page").then((m) => ({ default: m.ModelsPage })));
const ModelDetailPage = lazy(() =>
  import("./pages/model-detail-page").then((m) => ({ default: m.ModelDetailPage })),
);
const ModelVersionRedirect = lazy(() =>
  import("./pages/model-version-redirect").then((m) => ({ default: m.ModelVersionRedirect })),
);

const page = (path: string, element: React.ReactNode, handle: RouteHandle): RouteObject => ({
  path,
  // The page shows its skeleton until its messages are here (they are not in the core dictionary).
  element: <WithMessages area="models">{element}</WithMessages>,
  handle,
});

/** The models pages under /t/:tenantId/p/:projectId (seed 000 §1.2). */
export const modelsRoutes: RouteObject[] = [
  page("models", <ModelsPage />, { crumb: "nav.models" }),
  page("models/:modelId", <ModelDetailPage />, { crumb: "nav.models", detailParam: "modelId" }),
  page("model-versions/:versionId", <ModelVersionRedirect />, {
    crumb: "nav.models",
    detailParam: "versionId",
  }),
];
