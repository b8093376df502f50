import type {
  CreateFineTuneJobInput,
  FineTuneJobConfig,
  FineTuneJobValidation,
  TokenStatistics,
} from "@infera/contracts";
import { and, desc, eq, isNotNull, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { type TxContext, withTransaction } from "../shared/transaction.js";
import { resolveJobInputs } from "./resolve-job-inputs.js";
import { submittedConfig } from "./templates/submitted-config.js";

/** Finished jobs whose pace (seconds per step) estimates a new job's duration. */
const PACE_SAMPLE = 20;

/**
 * A dry run of a submission: the same checks and resolution as create (the same errors for the same
 * mistakes), nothing written, and what to expect — records, steps, tokens, a duration and cost from
 * the pace of earlier jobs on the same runtime and resource class, and warnings (truncation, a tiny
 * dataset). The wizard asks it at every step.
 */
export async function validateFineTuneJob({
  ctx,
  projectId,
  input,
  given,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateFineTuneJobInput;
  /** The body as sent (see `createFineTuneJob`). */
  given?: Record<string, unknown>;
}): Promise<FineTuneJobValidation> {
  const access = await authorize(ctx, "fine_tuning.job.create", { projectId });
  const submitted = await submittedConfig(ctx, projectId, (given ?? input) as Record<string, unknown>);
  return withTransaction(ctx, async (tx) => {
    const r = await resolveJobInputs(tx, {
      tenantId: access.tenantId!,
      projectId,
      config: submitted.config,
      given: submitted.given,
    });
    const config = r.config;
    const train = await versionFacts(tx, r.datasetVersionId);
    const validation = r.validationDatasetVersionId
      ? await versionFacts(tx, r.validationDatasetVersionId)
      : null;
    const split = validation ? 0 : (config.validation_split ?? 0);
    const held = split > 0 ? Math.max(1, Math.round(train.rows * split)) : 0;
    const trainRecords = Math.max(0, train.rows - held);
    const batchesPerEpoch = Math.ceil(trainRecords / config.batch_size);
    const stepsPerEpoch = Math.ceil(batchesPerEpoch / config.gradient_accumulation_steps);
    const totalSteps = Math.max(
      1,
      Math.ceil((config.epochs * batchesPerEpoch) / config.gradient_accumulation_steps),
    );
    const pace = await secondsPerStep(tx, config);
    const duration = pace.seconds !== null ? Math.round(pace.seconds * totalSteps) : null;
    const [cls] = await tx.db
      .select({ price: tables.resourceClasses.hourlyPrice, currency: tables.resourceClasses.currency })
      .from(tables.resourceClasses)
      .where(eq(tables.resourceClasses.name, config.resource_class));
    return {
      config,
      resolved: {
        base_model_id: r.baseModelId,
        base_model_version_id: r.baseModelVersionId,
        dataset_id: r.datasetId,
        dataset_version_id: r.datasetVersionId,
        validation_dataset_version_id: r.validationDatasetVersionId,
        output_model_id: r.outputModelId,
        output_model_name: r.outputModelName,
      },
      estimate: {
        train_records: trainRecords,
        validation_records: validation ? validation.rows : held,
        steps_per_epoch: stepsPerEpoch,
        total_steps: totalSteps,
        tokens_per_epoch: train.stats
          ? Math.round(train.stats.total.sum * (train.rows ? trainRecords / train.rows : 0))
          : null,
        duration_seconds: duration,
        cost:
          duration !== null && cls
            ? {
                amount: Math.round((duration / 3600) * Number(cls.price) * 10_000) / 10_000,
                currency: cls.currency,
              }
            : null,
        based_on_jobs: pace.jobs,
      },
      warnings: warningsFor(config, { trainRecords, totalSteps, stats: train.stats }),
    };
  });
}

async function versionFacts(tx: TxContext, versionId: string) {
  const [v] = await tx.db
    .select({ rows: tables.datasetVersions.rows, stats: tables.datasetVersions.tokenStats })
    .from(tables.datasetVersions)
    .where(eq(tables.datasetVersions.id, versionId));
  return { rows: v?.rows ?? 0, stats: (v?.stats as TokenStatistics | null) ?? null };
}

/** The median seconds per step of the last jobs that succeeded on this runtime and resource class. */
async function secondsPerStep(tx: TxContext, config: FineTuneJobConfig) {
  const j = tables.fineTuneJobs;
  const rows = await tx.db
    .select({ startedAt: j.startedAt, finishedAt: j.finishedAt, progress: j.progress })
    .from(j)
    .where(
      and(
        eq(j.status, "succeeded"),
        eq(j.runtime, config.runtime),
        eq(j.resourceClass, config.resource_class),
        isNotNull(j.progress),
      ),
    )
    .orderBy(desc(j.finishedAt))
    .limit(PACE_SAMPLE);
  const paces = rows
    .map((r) => {
      const steps = Number((r.progress as { step?: number } | null)?.step ?? 0);
      const seconds = r.startedAt && r.finishedAt ? (+r.finishedAt - +r.startedAt) / 1000 : 0;
      return steps > 0 && seconds > 0 ? seconds / steps : null;
    })
    .filter((p): p is number => p !== null)
    .sort((a, b) => a - b);
  if (!paces.length) return { seconds: null, jobs: 0 };
  return { seconds: paces[Math.floor(paces.length / 2)]!, jobs: paces.length };
}

function warningsFor(
  config: FineTuneJobConfig,
  facts: { trainRecords: number; totalSteps: number; stats: TokenStatistics | null },
): FineTuneJobValidation["warnings"] {
  const warnings: FineTuneJobValidation["warnings"] = [];
  const total = facts.stats?.total;
  if (total && total.p50 > config.max_length)
    warnings.push({
      code: "most_records_truncated",
      message: `most records are longer than max_length ${config.max_length} (median ${Math.round(total.p50)} tokens): they are cut, and a completion cut off teaches nothing`,
    });
  else if (total && total.p95 > config.max_length)
    warnings.push({
      code: "some_records_truncated",
      message: `more than 5% of records are longer than max_length ${config.max_length} (95th percentile ${Math.round(total.p95)} tokens, longest ${total.max}): they are cut`,
    });
  if (facts.trainRecords < 10)
    warnings.push({
      code: "few_records",
      message: `only ${facts.trainRecords} training records: expect the model to memorize rather than learn`,
    });
  if (facts.trainRecords > 0 && config.batch_size > facts.trainRecords)
    warnings.push({
      code: "batch_larger_than_data",
      message: `batch_size ${config.batch_size} is larger than the ${facts.trainRecords} training records: each step sees them all`,
    });
  if (facts.totalSteps < 5)
    warnings.push({
      code: "few_steps",
      message: `the job takes only ${facts.totalSteps} optimizer steps: raise epochs or lower batch_size for the loss to move`,
    });
  return warnings;
}
