import type {
  CreateFineTuneJobInput,
  FineTuneJobConfig,
  FineTuneJobValidation,
  FineTuneMemoryFit,
  ModelVersionMetadata,
  TokenStatistics,
} from "@infera/contracts";
import { asc, eq, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { type TxContext, withTransaction } from "../shared/transaction.js";
import { estimateTrainingMemory, memoryFit } from "./estimate-training-memory.js";
import { measuredPace } from "./measured-pace.js";
import { resolveJobInputs } from "./resolve-job-inputs.js";
import { submittedConfig } from "./templates/submitted-config.js";
import { schemaRisks, tokenizerRisk } from "./validation-risks.js";

/**
 * A dry run of a submission: the same checks and resolution as create (the same errors for the same
 * mistakes), nothing written, and what to expect — records, steps, tokens, a duration, GPU-hours and
 * a cost range from the pace of earlier jobs on the same runtime and resource class, the memory the
 * run needs against every enabled class, and warnings (truncation, a tiny dataset, memory, a tokenizer
 * or record shape that does not match the base model and stage).
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
    const pace = await measuredPace(tx, config);
    const duration = pace.seconds !== null ? Math.round(pace.seconds * totalSteps) : null;
    const classes = await tx.db
      .select()
      .from(tables.resourceClasses)
      .where(eq(tables.resourceClasses.enabled, true))
      .orderBy(asc(tables.resourceClasses.name));
    const cls = classes.find((c) => c.name === config.resource_class);
    const base = await baseMetadata(tx, r.baseModelVersionId);
    const parameters = base?.parameter_count && base.parameter_count > 0 ? base.parameter_count : null;
    const tokenizer = await tokenizerRisk(tx, ctx.blobs, {
      stats: train.stats,
      datasetVersionId: r.datasetVersionId,
      baseVersionId: r.baseModelVersionId,
    });
    const needed = parameters ? estimateTrainingMemory(config, parameters) : null;
    const memory = needed === null ? [] : classes.map((c) => memoryFit(needed, c));
    // A CPU job counts one device, as its GPU-hour budget does.
    const devices = Math.max(1, config.gpu_count);
    const priced = (secondsPerStep: number) =>
      round4(((secondsPerStep * totalSteps) / 3600) * Number(cls?.hourlyPrice ?? 0));
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
        gpu_hours: duration !== null ? round4((duration / 3600) * devices) : null,
        cost:
          pace.low !== null && pace.high !== null && cls
            ? { low: priced(pace.low), high: priced(pace.high), currency: cls.currency }
            : null,
        based_on_jobs: pace.jobs,
        memory,
      },
      warnings: [
        ...warningsFor(config, { trainRecords, totalSteps, stats: train.stats }),
        ...tokenizer.warnings,
        ...schemaRisks(config, train, base?.chat_template ?? tokenizer.model?.chatTemplate ?? null),
        ...memoryWarnings(memory.find((m) => m.resource_class === config.resource_class)),
      ],
    };
  });
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** What the base version's headers gave: its parameter count and chat template among them. */
async function baseMetadata(tx: TxContext, versionId: string): Promise<ModelVersionMetadata | null> {
  const [v] = await tx.db
    .select({ metadata: tables.modelVersions.metadata })
    .from(tables.modelVersions)
    .where(eq(tables.modelVersions.id, versionId));
  return (v?.metadata as ModelVersionMetadata | null) ?? null;
}

/** The chosen class's verdict, when it is not a plain fit. */
function memoryWarnings(fit: FineTuneMemoryFit | undefined): FineTuneJobValidation["warnings"] {
  if (!fit || fit.verdict === "fits") return [];
  const gib = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;
  return [
    {
      code: fit.verdict === "tight" ? "memory_tight" : "memory_will_not_fit",
      message:
        fit.verdict === "tight"
          ? `training needs about ${gib(fit.estimated_bytes)} of the ${gib(fit.available_bytes)} resource class "${fit.resource_class}" offers: over 80 %, it may run out of memory`
          : `training needs about ${gib(fit.estimated_bytes)}, more than the ${gib(fit.available_bytes)} resource class "${fit.resource_class}" offers: pick a larger class, method lora, a smaller batch_size or max_length`,
      resource_class: fit.resource_class,
      estimated_bytes: fit.estimated_bytes,
      available_bytes: fit.available_bytes,
    },
  ];
}

async function versionFacts(tx: TxContext, versionId: string) {
  const [v] = await tx.db
    .select({
      rows: tables.datasetVersions.rows,
      stats: tables.datasetVersions.tokenStats,
      format: tables.datasetVersions.format,
      schema: tables.datasetVersions.schema,
    })
    .from(tables.datasetVersions)
    .where(eq(tables.datasetVersions.id, versionId));
  return {
    rows: v?.rows ?? 0,
    stats: (v?.stats as TokenStatistics | null) ?? null,
    format: v?.format ?? "chat",
    fields: ((v?.schema as { fields?: { path: string }[] } | undefined)?.fields ?? []) as { path: string }[],
  };
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
