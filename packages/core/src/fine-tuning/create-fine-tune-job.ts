import type { CreateFineTuneJobInput, FineTuneJobDetail } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { insertFineTuneJob } from "./insert-fine-tune-job.js";
import { resolveJobInputs } from "./resolve-job-inputs.js";
import { withQueueEstimates } from "./scheduling/with-queue-estimates.js";
import { submittedConfig } from "./templates/submitted-config.js";
import { loadJobDetail } from "./to-fine-tune-job.js";

/**
 * Submits a job: its configuration is checked against the runtime and resource class, what it names
 * is resolved in the project (a tag's version is pinned), and the job waits `queued` for the
 * scheduler. An exported configuration imports through here unchanged. With `template_id`, the
 * project's template is the base and the request's fields override it (`submittedConfig`).
 */
export async function createFineTuneJob({
  ctx,
  projectId,
  input,
  given,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateFineTuneJobInput;
  /** The body as sent, before defaults: settings it leaves out take the template's, then the base model's recommendation. */
  given?: Record<string, unknown>;
}): Promise<FineTuneJobDetail> {
  const access = await authorize(ctx, "fine_tuning.job.create", { projectId });
  const submitted = await submittedConfig(ctx, projectId, (given ?? input) as Record<string, unknown>);
  return withTransaction(ctx, async (tx) => {
    const tenantId = access.tenantId!;
    const resolved = await resolveJobInputs(tx, {
      tenantId,
      projectId,
      config: submitted.config,
      given: submitted.given,
    });
    const id = await insertFineTuneJob(tx, {
      tenantId,
      projectId,
      resolved,
      reason: "created",
      templateId: submitted.templateId,
    });
    const job = (await loadJobDetail(tx.db, id))!;
    await recordAudit(tx, {
      action: "fine_tuning.job.create",
      resourceType: "fine_tune_job",
      resourceId: id,
      tenantId,
      projectId,
      after: job,
    });
    // Its place in the queue, as get answers it.
    return (await withQueueEstimates(tx, [job]))[0]!;
  });
}
