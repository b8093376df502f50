import type { CreateEvaluationInput, EvaluationTarget, EvaluationTargetInput } from "@infera/contracts";
import { and, desc, eq, tables } from "@infera/db";
import { usableBy } from "../fine-tuning/resolve-job-inputs.js";
import { resolveRefIn } from "../models/tags/resolve-model-ref.js";
import { DomainError, notFound } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";

const unprocessable = (message: string, field: string) =>
  new DomainError("unprocessable_content", message, { field });

type Key = "a" | "b";

/**
 * One target as the user named it → what the run stores. Every id is looked up inside the caller's
 * tenant and project (a model may also be tenant-shared or a public system model); anything else
 * answers not_found, like an unknown id, so ids never leak across tenants.
 */
export async function resolveEvaluationTarget(
  tx: TxContext,
  input: EvaluationTargetInput,
  scope: { tenantId: string; projectId: string; key: Key; role: EvaluationTarget["role"]; field: string },
): Promise<EvaluationTarget> {
  const byVersion = input.model_version_id !== undefined;
  const byModel = input.model_id !== undefined;
  const byService = input.service_id !== undefined;
  if ([byVersion, byModel, byService].filter(Boolean).length !== 1)
    throw unprocessable(
      "a target is one of: model_version_id, model_id with ref, or service_id (with revision_id)",
      scope.field,
    );
  if (!byModel && input.ref !== undefined)
    throw unprocessable("ref goes with model_id", `${scope.field}.ref`);
  if (!byService && input.revision_id !== undefined)
    throw unprocessable("revision_id goes with service_id", `${scope.field}.revision_id`);
  const base = { key: scope.key, role: scope.role };
  if (byVersion) {
    const [row] = await tx.db
      .select({ model: tables.models, versionId: tables.modelVersions.id })
      .from(tables.modelVersions)
      .innerJoin(tables.models, eq(tables.models.id, tables.modelVersions.modelId))
      .where(eq(tables.modelVersions.id, input.model_version_id!));
    if (!row || !usableBy(row.model, scope.tenantId, scope.projectId))
      throw notFound(`model version ${input.model_version_id}`);
    return {
      ...base,
      kind: "model_version",
      model_id: row.model.id,
      model_version_id: row.versionId,
      service_id: null,
      revision_id: null,
      label: `${row.model.name}@${row.versionId}`,
    };
  }
  if (byModel) {
    if (!input.ref)
      throw unprocessable("model_id needs ref: a tag (prod, staging) or a version id", `${scope.field}.ref`);
    const [model] = await tx.db.select().from(tables.models).where(eq(tables.models.id, input.model_id!));
    if (!model || !usableBy(model, scope.tenantId, scope.projectId))
      throw notFound(`model ${input.model_id}`);
    const resolved = await resolveRefIn(tx.db, model.id, input.ref);
    return {
      ...base,
      kind: "model_version",
      model_id: model.id,
      model_version_id: resolved.version_id,
      service_id: null,
      revision_id: null,
      label: `${model.name}:${input.ref}`,
    };
  }
  const s = tables.services;
  const [service] = await tx.db
    .select({ id: s.id, name: s.name })
    .from(s)
    .where(
      and(eq(s.id, input.service_id!), eq(s.tenantId, scope.tenantId), eq(s.projectId, scope.projectId)),
    );
  if (!service) throw notFound(`service ${input.service_id}`);
  const r = tables.serviceRevisions;
  const revisionQuery = tx.db
    .select({ id: r.id, number: r.number, modelVersionId: r.modelVersionId })
    .from(r);
  // Without a revision: the one taking the most traffic now (the newest on a tie), stored pinned.
  const [revision] = input.revision_id
    ? await revisionQuery.where(and(eq(r.id, input.revision_id), eq(r.serviceId, service.id)))
    : await revisionQuery
        .where(eq(r.serviceId, service.id))
        .orderBy(desc(r.trafficPercent), desc(r.number))
        .limit(1);
  if (!revision)
    throw input.revision_id
      ? notFound(`revision ${input.revision_id} of service ${service.id}`)
      : unprocessable(`service ${service.id} has no revision to evaluate`, `${scope.field}.service_id`);
  return {
    ...base,
    kind: "service_revision",
    model_id: null,
    model_version_id: revision.modelVersionId,
    service_id: service.id,
    revision_id: revision.id,
    label: `${service.name}@${revision.id}`,
  };
}

/** The model's current `prod` version, when it has one. */
async function prodVersionOf(tx: TxContext, modelId: string): Promise<string | null> {
  const [tag] = await tx.db
    .select({ versionId: tables.modelTags.versionId })
    .from(tables.modelTags)
    .where(and(eq(tables.modelTags.modelId, modelId), eq(tables.modelTags.tag, "prod")));
  return tag?.versionId ?? null;
}

/**
 * The targets of a run by its kind: automatic one, side-by-side two (evaluated, compared), gate one
 * model version plus — when a rule compares with prod — the model's prod version as baseline.
 */
export async function resolveEvaluationTargets(
  tx: TxContext,
  input: Pick<CreateEvaluationInput, "kind" | "targets">,
  scope: {
    tenantId: string;
    projectId: string;
    /** Gate runs: whether the rules for this model compare with prod. */
    needsBaseline: (modelId: string) => Promise<boolean>;
  },
): Promise<EvaluationTarget[]> {
  const want = input.kind === "side_by_side" ? 2 : 1;
  if (input.targets.length !== want)
    throw unprocessable(
      input.kind === "side_by_side"
        ? "a side_by_side run takes two targets"
        : `a ${input.kind} run takes one target${input.kind === "gate" ? " (its baseline is the model's prod version, found for you)" : ""}`,
      "targets",
    );
  const where = { tenantId: scope.tenantId, projectId: scope.projectId };
  const a = await resolveEvaluationTarget(tx, input.targets[0]!, {
    ...where,
    key: "a",
    role: "evaluated",
    field: "targets[0]",
  });
  if (input.kind === "side_by_side") {
    const b = await resolveEvaluationTarget(tx, input.targets[1]!, {
      ...where,
      key: "b",
      role: "compared",
      field: "targets[1]",
    });
    return [a, b];
  }
  if (input.kind !== "gate") return [a];
  if (a.kind !== "model_version")
    throw unprocessable("a gate run evaluates a model version, not a service", "targets[0]");
  if (!(await scope.needsBaseline(a.model_id!))) return [a];
  const prod = await prodVersionOf(tx, a.model_id!);
  if (!prod || prod === a.model_version_id) return [a];
  const [model] = await tx.db
    .select({ name: tables.models.name })
    .from(tables.models)
    .where(eq(tables.models.id, a.model_id!));
  return [
    a,
    {
      key: "b",
      kind: "model_version",
      model_id: a.model_id,
      model_version_id: prod,
      service_id: null,
      revision_id: null,
      label: `${model?.name ?? a.model_id}:prod`,
      role: "baseline",
    },
  ];
}
