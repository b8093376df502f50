import {
  type Env,
  RUNNABLE_SERVICE_RUNTIMES,
  type ServiceConfigInput,
  type ServiceRevisionConfig,
} from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { usableBy } from "../fine-tuning/resolve-job-inputs.js";
import { resolveRefIn } from "../models/tags/resolve-model-ref.js";
import { defaultPolicies } from "../policies/to-policies.js";
import { requireResourceClass } from "../resource-classes/require-resource-class.js";
import { DomainError, notFound } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";
import { configHash } from "./canonical-json.js";

/** What a revision is made of once its request is resolved: stored on the revision row. */
export interface ResolvedServiceConfig {
  config: ServiceRevisionConfig;
  configHash: string;
  modelVersionId: string;
  baseModelVersionId: string | null;
  runtimeKind: string;
  /** The upstream's key in clear, to seal; never stored or answered as is. */
  apiKey: string | null;
}

const unusable = (message: string, details?: unknown) =>
  new DomainError("unprocessable_content", message, details);

/** Runtimes this installation runs; the others are refused with why (the cluster issue adds them). */
const RUNNABLE = new Set<string>(RUNNABLE_SERVICE_RUNTIMES);
const LLAMA_DEFAULTS = { context_size: 4096, parallel: 1 };

/** A tag or version id → the version, in the project's reach (own, tenant-shared, public system); anything else not_found. */
async function resolveModel(
  tx: TxContext,
  ref: ServiceConfigInput["model"],
  tenantId: string,
  projectId: string,
) {
  const v = tables.modelVersions;
  let versionId: string;
  if (ref.version_id) versionId = ref.version_id;
  else {
    const [model] = await tx.db.select().from(tables.models).where(eq(tables.models.id, ref.model_id!));
    if (!model || !usableBy(model, tenantId, projectId)) throw notFound(`model ${ref.model_id}`);
    versionId = (await resolveRefIn(tx.db, model.id, ref.tag ?? "latest")).version_id;
  }
  const [row] = await tx.db
    .select({ version: v, model: tables.models })
    .from(v)
    .innerJoin(tables.models, eq(tables.models.id, v.modelId))
    .where(eq(v.id, versionId));
  if (!row || !usableBy(row.model, tenantId, projectId)) throw notFound(`model version ${versionId}`);
  return row.version;
}

async function hasGguf(tx: TxContext, versionId: string): Promise<boolean> {
  const files = await tx.db
    .select({ kind: tables.modelVersionFiles.kind })
    .from(tables.modelVersionFiles)
    .where(eq(tables.modelVersionFiles.versionId, versionId));
  return files.some((f) => f.kind === "gguf");
}

/** Prod is stricter: the project's policy forbids scaling a Prod service (or any service of a Prod project) to zero. */
async function checkScaleToZero(tx: TxContext, projectId: string, env: Env, scaleToZero: boolean) {
  if (!scaleToZero) return;
  const [row] = await tx.db
    .select({ projectEnv: tables.projects.env, forbid: tables.projectPolicies.prodDisallowScaleToZero })
    .from(tables.projects)
    .leftJoin(tables.projectPolicies, eq(tables.projectPolicies.projectId, tables.projects.id))
    .where(eq(tables.projects.id, projectId));
  const prod = env === "prod" || row?.projectEnv === "prod";
  const forbid = row?.forbid ?? defaultPolicies.prodDisallowScaleToZero;
  if (prod && forbid)
    throw unusable(
      "scale to zero is off in Prod: the project's env policy prod_disallow_scale_to_zero forbids it (cold starts take 30 s to minutes); keep min_replicas at 1 or more, or have an Owner change the policy",
      { field: "config.autoscaling.scale_to_zero", policy: "prod_disallow_scale_to_zero" },
    );
}

/**
 * Resolves a revision's configuration in the service's project: the model by tag or id to a version
 * (an adapter brings its base version), the runtime (known, runnable here, llama.cpp given GGUF
 * files), the resource class, and the autoscaling rules against the env policy. The result is what
 * `config_hash` covers: a tag is never stored, defaults are filled in, the API key is left out.
 */
export async function resolveServiceConfig(
  tx: TxContext,
  input: { tenantId: string; projectId: string; env: Env; config: ServiceConfigInput },
): Promise<ResolvedServiceConfig> {
  const { config: c } = input;
  const version = await resolveModel(tx, c.model, input.tenantId, input.projectId);
  let baseVersionId: string | null = null;
  if (version.artifactType === "adapter") {
    if (!version.baseModelVersionId)
      throw unusable(`model version ${version.id} is an adapter that does not name its base version`, {
        field: "config.model",
      });
    baseVersionId = version.baseModelVersionId;
  }
  const kind = c.runtime.kind;
  if (!RUNNABLE.has(kind))
    throw unusable(
      `runtime ${kind} cannot run on this installation yet (runtimes here: ${[...RUNNABLE].join(", ")})`,
      { field: "config.runtime.kind", runnable: [...RUNNABLE] },
    );
  if (kind === "llama.cpp") {
    for (const id of [version.id, baseVersionId]) {
      if (id && !(await hasGguf(tx, id)))
        throw unusable(
          `llama.cpp serves GGUF files and model version ${id} has none; export the model to GGUF or pick a version that has it`,
          { field: "config.model", version_id: id },
        );
    }
  }
  await requireResourceClass(tx.db, c.resources.resource_class, c.resources.gpu_count);
  await checkScaleToZero(tx, input.projectId, input.env, c.autoscaling.scale_to_zero);

  const runtime: ServiceRevisionConfig["runtime"] =
    kind === "llama.cpp"
      ? {
          kind,
          context_size: c.runtime.context_size ?? LLAMA_DEFAULTS.context_size,
          threads: c.runtime.threads ?? null,
          parallel: c.runtime.parallel ?? LLAMA_DEFAULTS.parallel,
        }
      : {
          kind,
          base_url: c.runtime.base_url!,
          upstream_model: c.runtime.upstream_model ?? null,
          api_key_set: c.runtime.api_key !== undefined,
        };
  const config: ServiceRevisionConfig = {
    model: { model_id: version.modelId, version_id: version.id, base_version_id: baseVersionId },
    runtime,
    resources: { resource_class: c.resources.resource_class, gpu_count: c.resources.gpu_count },
    autoscaling: { ...c.autoscaling },
  };
  return {
    config,
    configHash: configHash(config),
    modelVersionId: version.id,
    baseModelVersionId: baseVersionId,
    runtimeKind: kind,
    apiKey: c.runtime.api_key ?? null,
  };
}
