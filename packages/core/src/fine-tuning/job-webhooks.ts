import type { FineTuneJobStatus } from "@infera/contracts";
import type { TxContext } from "../shared/transaction.js";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-deliveries.js";
import type { JobRow } from "./job-access.js";
import { toFineTuneJob } from "./to-fine-tune-job.js";

const EVENT_OF: Partial<Record<FineTuneJobStatus, string>> = {
  running: "fine_tuning.job.started",
  succeeded: "fine_tuning.job.succeeded",
  failed: "fine_tuning.job.failed",
  canceled: "fine_tuning.job.canceled",
};

/**
 * Tells the project's webhooks that a job started (each run from `starting`, a resume too) or ended,
 * in the transaction of the change: `data.job` is the job as the API shows it.
 */
export async function notifyJobWebhooks(tx: TxContext, from: FineTuneJobStatus, job: JobRow): Promise<void> {
  const type = EVENT_OF[job.status];
  if (!type || (job.status === "running" && from !== "starting")) return;
  await enqueueWebhookEvent(tx, { projectId: job.projectId, type, data: { job: toFineTuneJob(job) } });
}
