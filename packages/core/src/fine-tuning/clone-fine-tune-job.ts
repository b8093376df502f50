import { type CloneFineTuneJobInput, FineTuneJobConfig, type FineTuneJobDetail } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { insertFineTuneJob } from "./insert-fine-tune-job.js";
import { authorizeJob } from "./job-access.js";
import { mergeJobConfig } from "./merge-job-config.js";
import { resolveJobInputs } from "./resolve-job-inputs.js";
import { withQueueEstimates } from "./scheduling/with-queue-estimates.js";
import { loadJobDetail } from "./to-fine-tune-job.js";

/**
 * A new queued job from a job's configuration (any status; seed 004 FR23), with optional overrides.
 * Everything is resolved again: a tag may point at a newer version now.
 */
export async function cloneFineTuneJob({
  ctx,
  jobId,
  input,
}: {
  ctx: ServiceContext;
  jobId: string;
  input: CloneFineTuneJobInput;
}): Promise<FineTuneJobDetail> {
  const { job: source } = await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  const access = await authorize(ctx, "fine_tuning.job.create", { projectId: source.projectId });
  const parsed = FineTuneJobConfig.safeParse(mergeJobConfig(source.config, input));
  if (!parsed.success)
    throw invalid(`the cloned configuration is not valid: ${parsed.error.issues[0]?.message}`, {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  return withTransaction(ctx, async (tx) => {
    const tenantId = access.tenantId!;
    const projectId = source.projectId;
    const resolved = await resolveJobInputs(tx, { tenantId, projectId, config: parsed.data });
    const id = await insertFineTuneJob(tx, {
      tenantId,
      projectId,
      resolved,
      reason: `cloned from ${source.id}`,
    });
    const job = (await loadJobDetail(tx.db, id))!;
    await recordAudit(tx, {
      action: "fine_tuning.job.create",
      resourceType: "fine_tune_job",
      resourceId: id,
      tenantId,
      projectId,
      after: { ...job, cloned_from: source.id },
    });
    // Its place in the queue, as get answers it.
    return (await withQueueEstimates(tx, [job]))[0]!;
  });
}
