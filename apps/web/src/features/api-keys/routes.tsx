import { lazy } from "react";
import type { RouteObject } from "react-router";
import { WithMessages } from "../../i18n/with-messages";
import type { RouteHandle } from "../../shell/breadcrumbs";

// Each page is its own chunk: the key's charts load only when its Usage tab is opened.
const ApiKeysPage = lazy(() => import("./pages/api-keys-page").then((m) => ({ default: m.ApiKeysPage })));
const ApiKeyDetailPage = lazy(() =>
  import("./pages/api-key-detail-page").then((m) => ({ default: m.ApiKeyDetailPage })),
);

const page = (path: string, element: React.ReactNode, handle: RouteHandle): RouteObject => ({
  path,
  // The page shows its skeleton until its messages are here (they are not in the core dictionary).
  element: <WithMessages area="api-keys">{element}</WithMessages>,
  handle,
});

/** The API keys list and a key's page under /t/:tenantId/p/:projectId (seed 000 §4.3.8). */
export const apiKeysRoutes: RouteObject[] = [
  page("api-keys", <ApiKeysPage />, { crumb: "nav.apiKeys" }),
  page("api-keys/:apiKeyId", <ApiKeyDetailPage />, { crumb: "nav.apiKeys", detailParam: "apiKeyId" }),
];
