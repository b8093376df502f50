import type { Api } from "../../http/api.js";
import { registerCancelFineTuneJob } from "./cancel-fine-tune-job.js";
import { registerCloneFineTuneJob } from "./clone-fine-tune-job.js";
import { registerCreateFineTuneJob } from "./create-fine-tune-job.js";
import { registerDeleteFineTuneJob } from "./delete-fine-tune-job.js";
import { registerDownloadFineTuneJobCheckpoint } from "./download-fine-tune-job-checkpoint.js";
import { registerDownloadFineTuneJobLog } from "./download-fine-tune-job-log.js";
import { registerGetFineTuneJob } from "./get-fine-tune-job.js";
import { registerGetFineTuneJobArtifacts } from "./get-fine-tune-job-artifacts.js";
import { registerGetFineTuneJobConfig } from "./get-fine-tune-job-config.js";
import { registerGetFineTuneJobMetrics } from "./get-fine-tune-job-metrics.js";
import { registerListFineTuneJobCheckpoints } from "./list-fine-tune-job-checkpoints.js";
import { registerListFineTuneJobEvents } from "./list-fine-tune-job-events.js";
import { registerListFineTuneJobs } from "./list-fine-tune-jobs.js";
import { registerRetryFineTuneJob } from "./retry-fine-tune-job.js";
import { registerValidateFineTuneJob } from "./validate-fine-tune-job.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerFineTuningRoutes(app: Api) {
  registerListFineTuneJobs(app);
  registerCreateFineTuneJob(app);
  // Its dry run, beside it.
  registerValidateFineTuneJob(app);
  registerGetFineTuneJob(app);
  registerDeleteFineTuneJob(app);
  registerGetFineTuneJobConfig(app);
  registerListFineTuneJobEvents(app);
  registerGetFineTuneJobMetrics(app);
  registerDownloadFineTuneJobLog(app);
  registerListFineTuneJobCheckpoints(app);
  registerDownloadFineTuneJobCheckpoint(app);
  registerGetFineTuneJobArtifacts(app);
  registerCancelFineTuneJob(app);
  registerRetryFineTuneJob(app);
  registerCloneFineTuneJob(app);
}
