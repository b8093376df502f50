import {
  type DatasetFormat,
  FINE_TUNE_DEFAULTS,
  FineTuneJobConfig,
  type FineTuneRecommendation,
  type ModelVersionMetadata,
} from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { resolveRefIn } from "../models/tags/resolve-model-ref.js";
import { requireResourceClass } from "../resource-classes/require-resource-class.js";
import type { ResourceClassRow } from "../resource-classes/to-resource-class.js";
import { conflict, DomainError, notFound } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";
import { checkLocalRuntimeSupport } from "./runtime-support.js";
import { withRecommendedSettings } from "./with-recommended-settings.js";

type ModelRow = typeof tables.models.$inferSelect;

/** What a job's configuration names, resolved in its project: stored on the job beside the config. */
export interface ResolvedJobInputs {
  /** The configuration with what the defaults depend on filled in (validation split, artifact type). */
  config: FineTuneJobConfig;
  baseModelId: string;
  baseModelVersionId: string;
  datasetId: string;
  datasetVersionId: string;
  validationDatasetVersionId: string | null;
  outputModelId: string | null;
  outputModelName: string | null;
}

const unusable = (message: string, details?: unknown) =>
  new DomainError("unprocessable_content", message, details);

/**
 * A project may train on its own models, its tenant's shared ones and public system models. Any
 * other model (another tenant's above all) is treated as unknown, so ids never leak across tenants.
 */
export function usableBy(model: ModelRow, tenantId: string, projectId: string): boolean {
  if (model.ownerType === "platform") return model.visibility === "public";
  return (
    model.tenantId === tenantId && (model.projectId === projectId || model.visibility === "tenant_shared")
  );
}

async function resolveBaseModel(
  tx: TxContext,
  config: FineTuneJobConfig,
  tenantId: string,
  projectId: string,
) {
  const ref = config.base_model;
  let versionId: string;
  let model: ModelRow | undefined;
  if (ref.version_id) {
    const [row] = await tx.db
      .select({ model: tables.models, versionId: tables.modelVersions.id })
      .from(tables.modelVersions)
      .innerJoin(tables.models, eq(tables.models.id, tables.modelVersions.modelId))
      .where(eq(tables.modelVersions.id, ref.version_id));
    if (!row || !usableBy(row.model, tenantId, projectId)) throw notFound(`model version ${ref.version_id}`);
    model = row.model;
    versionId = row.versionId;
  } else {
    [model] = await tx.db.select().from(tables.models).where(eq(tables.models.id, ref.model_id!));
    if (!model || !usableBy(model, tenantId, projectId)) throw notFound(`model ${ref.model_id}`);
    versionId = (await resolveRefIn(tx.db, model.id, ref.tag ?? "latest")).version_id;
  }
  const [version] = await tx.db
    .select({ artifactType: tables.modelVersions.artifactType, metadata: tables.modelVersions.metadata })
    .from(tables.modelVersions)
    .where(eq(tables.modelVersions.id, versionId));
  if (version?.artifactType === "adapter")
    throw unusable(`model version ${versionId} is an adapter; train on its base model instead`, {
      field: "base_model",
    });
  const recommended = (version?.metadata as ModelVersionMetadata | undefined)?.fine_tune_defaults ?? null;
  return { modelId: model.id, versionId, recommended };
}

/**
 * The configuration with the base version's recommended settings under what the submitter gave
 * (`given`: the request body as sent), parsed again; unchanged without either.
 */
function recommendedConfig(
  config: FineTuneJobConfig,
  given: Record<string, unknown> | undefined,
  recommended: FineTuneRecommendation | null,
): FineTuneJobConfig {
  if (!given || !recommended) return config;
  const parsed = FineTuneJobConfig.safeParse(withRecommendedSettings(given, recommended));
  if (!parsed.success)
    throw unusable(
      `the base model's recommended fine-tuning settings do not fit this job: ${parsed.error.issues[0]?.message}; give the setting explicitly`,
      { issues: parsed.error.issues },
    );
  return parsed.data;
}

/** A dataset version of the job's own project; any other answers not_found like an unknown id. */
async function datasetVersionIn(tx: TxContext, versionId: string, projectId: string) {
  const [row] = await tx.db
    .select({
      id: tables.datasetVersions.id,
      format: tables.datasetVersions.format,
      datasetId: tables.datasets.id,
    })
    .from(tables.datasetVersions)
    .innerJoin(tables.datasets, eq(tables.datasets.id, tables.datasetVersions.datasetId))
    .where(and(eq(tables.datasetVersions.id, versionId), eq(tables.datasets.projectId, projectId)));
  if (!row) throw notFound(`dataset version ${versionId}`);
  return row;
}

function checkFormat(stage: FineTuneJobConfig["stage"], format: DatasetFormat) {
  if (format === "preference")
    throw unusable("preference records need an alignment stage (DPO), which no runtime offers yet", {
      field: "dataset_version_id",
      format,
    });
  if (stage === "sft" && format === "text")
    throw unusable(
      "stage sft trains on chat or prompt_completion records; text records train with stage pretrain",
      {
        field: "stage",
        format,
      },
    );
}

async function resolveOutput(tx: TxContext, config: FineTuneJobConfig, tenantId: string, projectId: string) {
  const out = config.output;
  if (out.model_id) {
    // Only a model this project manages can take a new version (not a system or another project's model).
    const [model] = await tx.db
      .select({ id: tables.models.id })
      .from(tables.models)
      .where(and(eq(tables.models.id, out.model_id), eq(tables.models.projectId, projectId)));
    if (!model) throw notFound(`output model ${out.model_id}`);
    return { outputModelId: model.id, outputModelName: null };
  }
  const name = out.model_name!;
  const [taken] = await tx.db
    .select({ id: tables.models.id })
    .from(tables.models)
    .where(and(eq(tables.models.ownerKey, tenantId), eq(tables.models.name, name)));
  if (taken)
    throw conflict(
      `a model named "${name}" already exists; give output.model_id ${taken.id} to add a version to it`,
      {
        field: "output.model_name",
        model_id: taken.id,
      },
    );
  return { outputModelId: null, outputModelName: name };
}

/**
 * The evaluation the job asks for at its end names its project's data and judges: checked now, so
 * a job does not train for hours towards a run that cannot start.
 */
async function checkEvaluation(
  tx: TxContext,
  evaluation: NonNullable<FineTuneJobConfig["evaluation"]>,
  projectId: string,
): Promise<void> {
  try {
    await datasetVersionIn(tx, evaluation.dataset_version_id, projectId);
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found")
      throw new DomainError(
        "not_found",
        `evaluation dataset version ${evaluation.dataset_version_id} not found`,
        {
          field: "evaluation.dataset_version_id",
        },
      );
    throw err;
  }
  for (const m of evaluation.metrics ?? []) {
    if (m.name === "judge" && !m.judge_service_id)
      throw unusable("a judge metric needs judge_service_id (a service of this project)", {
        field: "evaluation.metrics",
      });
    if (!m.judge_service_id) continue;
    const [service] = await tx.db
      .select({ id: tables.services.id })
      .from(tables.services)
      .where(and(eq(tables.services.id, m.judge_service_id), eq(tables.services.projectId, projectId)));
    if (!service) throw notFound(`judge service ${m.judge_service_id}`);
  }
}

/** Checks that the runtime and resource class can take the job (also on retry: they may have changed). */
export async function checkPlacement(tx: TxContext, config: FineTuneJobConfig): Promise<void> {
  checkLocalRuntimeSupport(config);
  const resourceClass = await requireResourceClass(tx.db, config.resource_class, config.gpu_count);
  checkBudget(config, resourceClass);
}

/** An amount budget is counted at the class's hourly price: it needs the class's currency and a price. */
function checkBudget(config: FineTuneJobConfig, resourceClass: ResourceClassRow): void {
  const amount = config.budget?.amount;
  if (amount === undefined) return;
  if (config.budget?.currency !== resourceClass.currency)
    throw new DomainError(
      "unprocessable_content",
      `budget.currency is ${config.budget?.currency}, resource class "${resourceClass.name}" is priced in ${resourceClass.currency}`,
      { field: "budget.currency", currency: resourceClass.currency },
    );
  if (Number(resourceClass.hourlyPrice) <= 0)
    throw new DomainError(
      "unprocessable_content",
      `resource class "${resourceClass.name}" has no hourly price, so an amount budget would never be reached: give budget.gpu_hours instead`,
      { field: "budget.amount" },
    );
}

/**
 * Resolves everything a configuration names inside the job's project and tenant: the base model (a
 * tag becomes the version it points at now, whose recommended settings fill what the submitter left
 * out), the runtime and resource class, the dataset versions, and the output model.
 */
export async function resolveJobInputs(
  tx: TxContext,
  {
    tenantId,
    projectId,
    config: submitted,
    given,
  }: {
    tenantId: string;
    projectId: string;
    config: FineTuneJobConfig;
    /** The configuration as sent (before defaults): what it leaves out takes the base model's recommendation. */
    given?: Record<string, unknown>;
  },
): Promise<ResolvedJobInputs> {
  const base = await resolveBaseModel(tx, submitted, tenantId, projectId);
  const config = recommendedConfig(submitted, given, base.recommended);
  await checkPlacement(tx, config);
  const train = await datasetVersionIn(tx, config.dataset_version_id, projectId);
  checkFormat(config.stage, train.format);
  let validationId: string | null = null;
  if (config.validation_dataset_version_id) {
    const v = await datasetVersionIn(tx, config.validation_dataset_version_id, projectId);
    if (v.id === train.id)
      throw unusable("the validation version must differ from the training version", {
        field: "validation_dataset_version_id",
      });
    if (v.format !== train.format)
      throw unusable(
        `the validation version holds ${v.format} records, the training version ${train.format}`,
        {
          field: "validation_dataset_version_id",
        },
      );
    validationId = v.id;
  }
  const output = await resolveOutput(tx, config, tenantId, projectId);
  if (config.evaluation) await checkEvaluation(tx, config.evaluation, projectId);
  const completed: FineTuneJobConfig = {
    ...config,
    ...(validationId
      ? {}
      : { validation_split: config.validation_split ?? FINE_TUNE_DEFAULTS.validation_split }),
    output: {
      ...config.output,
      artifact_type: config.output.artifact_type ?? (config.method === "lora" ? "adapter" : "full"),
    },
  };
  return {
    config: completed,
    baseModelId: base.modelId,
    baseModelVersionId: base.versionId,
    datasetId: train.datasetId,
    datasetVersionId: train.id,
    validationDatasetVersionId: validationId,
    ...output,
  };
}
