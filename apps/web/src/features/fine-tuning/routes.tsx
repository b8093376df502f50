import { lazy } from "react";
import type { RouteObject } from "react-router";
import { WithMessages } from "../../i18n/with-messages";
import type { RouteHandle } from "../../shell/breadcrumbs";

// Each page is its own chunk: the wizard's forms load only when someone creates or clones a job.
const JobsPage = lazy(() => import("./pages/jobs-page").then((m) => ({ default: m.JobsPage })));
const NewJobPage = lazy(() => import("./pages/new-job-page").then((m) => ({ default: m.NewJobPage })));
const JobDetailPage = lazy(() =>
  import("./pages/job-detail-page").then((m) => ({ default: m.JobDetailPage })),
);

const page = (path: string, element: React.ReactNode, handle: RouteHandle): RouteObject => ({
  path,
  // The page shows its skeleton until its messages are here (they are not in the core dictionary).
  element: <WithMessages area="fine-tuning">{element}</WithMessages>,
  handle,
});

/** The fine-tuning pages under /t/:tenantId/p/:projectId (seed 000 §1.2, §4.3.5). */
export const fineTuningRoutes: RouteObject[] = [
  page("fine-tuning", <JobsPage />, { crumb: "nav.fineTuning" }),
  page("fine-tuning/new", <NewJobPage />, { crumb: "nav.fineTuning" }),
  page("fine-tuning/:jobId", <JobDetailPage />, { crumb: "nav.fineTuning", detailParam: "jobId" }),
];
