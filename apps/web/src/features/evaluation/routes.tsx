import { lazy } from "react";
import type { RouteObject } from "react-router";
import { WithMessages } from "../../i18n/with-messages";
import type { RouteHandle } from "../../shell/breadcrumbs";

const EvaluationsPage = lazy(() =>
  import("./pages/evaluations-page").then((m) => ({ default: m.EvaluationsPage })),
);
const NewEvaluationPage = lazy(() =>
  import("./pages/new-evaluation-page").then((m) => ({ default: m.NewEvaluationPage })),
);
const BenchmarksPage = lazy(() =>
  import("./pages/benchmarks-page").then((m) => ({ default: m.BenchmarksPage })),
);
const GateRulesPage = lazy(() =>
  import("./pages/gate-rules-page").then((m) => ({ default: m.GateRulesPage })),
);
const CompareEvaluationsPage = lazy(() =>
  import("./pages/compare-evaluations-page").then((m) => ({ default: m.CompareEvaluationsPage })),
);
const EvaluationDetailPage = lazy(() =>
  import("./pages/evaluation-detail-page").then((m) => ({ default: m.EvaluationDetailPage })),
);

const page = (path: string, element: React.ReactNode, handle: RouteHandle): RouteObject => ({
  path,
  // The page shows its skeleton until its messages are here (they are not in the core dictionary).
  element: <WithMessages area="evaluation">{element}</WithMessages>,
  handle,
});

/** The evaluation pages under /t/:tenantId/p/:projectId (seed 000 §4.3.6). */
export const evaluationRoutes: RouteObject[] = [
  page("evaluation", <EvaluationsPage />, { crumb: "nav.evaluation" }),
  page("evaluation/new", <NewEvaluationPage />, { crumb: "nav.evaluation" }),
  page("evaluation/benchmarks", <BenchmarksPage />, { crumb: "nav.evaluation" }),
  page("evaluation/gate-rules", <GateRulesPage />, { crumb: "nav.evaluation" }),
  page("evaluation/compare", <CompareEvaluationsPage />, { crumb: "nav.evaluation" }),
  page("evaluation/:evalRunId", <EvaluationDetailPage />, {
    crumb: "nav.evaluation",
    detailParam: "evalRunId",
  }),
];
