import type {
  CreateEvaluationInput,
  EvaluationTarget,
  GenerationParams,
  MetricConfig,
} from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { type EvaluationRunRow, endEvaluationRun, isFinishedEvaluation } from "./end-evaluation-run.js";
import { type EvaluationRecord, evaluationRecords } from "./evaluation-records.js";

/** A model file by digest in the blob store (the worker copies it to its cache, as replicas do). */
export interface EvaluationModelFile {
  sha256: string;
  size: number;
  path: string;
}

/** A target as the runner generates with it. */
export type EvaluationGenerator =
  | {
      key: "a" | "b";
      kind: "model_version";
      label: string;
      modelVersionId: string;
      /** The GGUF to load: the version's own, or its base's for an adapter. */
      model: EvaluationModelFile;
      /** A LoRA version's adapter GGUF, applied on the base. */
      adapter: EvaluationModelFile | null;
    }
  | { key: "a" | "b"; kind: "service_revision"; label: string; serviceId: string; revisionId: string };

export interface EvaluationRunPlan {
  runId: string;
  tenantId: string;
  projectId: string;
  kind: EvaluationRunRow["kind"];
  /** Who created the run: service calls are made as them (usage and logging policy). */
  createdBy: string | null;
  generators: EvaluationGenerator[];
  records: EvaluationRecord[];
  /** `target:index` of the samples already written: a retried run generates only the others. */
  existing: string[];
  metrics: MetricConfig[];
  generation: GenerationParams;
  seed: number;
  /** Prod projects keep prompts and answers out of service logs unless their policy says otherwise. */
  logContent: boolean;
}

export type EvaluationRunStart =
  | { kind: "run"; plan: EvaluationRunPlan }
  | { kind: "skip"; reason: string }
  | { kind: "failed"; reason: string };

type RunConfig = Omit<CreateEvaluationInput, "targets" | "kind" | "name">;

/**
 * Called by the worker that leased a run's `evaluation.run` item. A queued run moves to running
 * (started_at) with its sample count; a running one (cut off by a crash) goes on, and its plan lists
 * the samples already written so only the missing ones are generated. A run being canceled ends
 * `canceled` here; a finished or deleted one leaves nothing to do. A run whose data or targets can
 * no longer be read ends `failed` with the reason.
 */
export async function beginEvaluationRun({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<EvaluationRunStart> {
  const r = tables.evaluationRuns;
  const [seen] = await ctx.db.select().from(r).where(eq(r.id, runId));
  if (!seen) return { kind: "skip", reason: "the run no longer exists" };
  if (isFinishedEvaluation(seen.status)) return { kind: "skip", reason: `the run is already ${seen.status}` };
  const config = seen.config as RunConfig;
  let records: EvaluationRecord[];
  let generators: EvaluationGenerator[];
  try {
    records = await evaluationRecords(ctx, seen.datasetVersionId, config);
    generators = await resolveGenerators(ctx, seen);
    await checkJudges(ctx, seen.projectId, config.metrics ?? []);
  } catch (err) {
    return { kind: "failed", reason: (err as Error).message };
  }
  if (!records.length) return { kind: "failed", reason: "the run's data has no record to generate from" };
  const logContent = await mayLogContent(ctx, seen.projectId);
  return withTransaction(ctx, async (tx) => {
    const [run] = await tx.db.select().from(r).where(eq(r.id, runId)).for("update");
    if (!run) return { kind: "skip" as const, reason: "the run no longer exists" };
    if (isFinishedEvaluation(run.status))
      return { kind: "skip" as const, reason: `the run is already ${run.status}` };
    if (run.status === "canceling") {
      await endEvaluationRun(tx, run, "canceled");
      return { kind: "skip" as const, reason: "the run was canceled" };
    }
    await tx.db
      .update(r)
      .set({
        status: "running",
        samplesTotal: records.length * generators.length,
        ...(run.status === "queued" ? { startedAt: tx.now() } : {}),
        updatedAt: tx.now(),
      })
      .where(eq(r.id, runId));
    const s = tables.evaluationSamples;
    const existing = await tx.db
      .select({ target: s.target, index: s.index })
      .from(s)
      .where(eq(s.runId, runId));
    return {
      kind: "run" as const,
      plan: {
        runId,
        tenantId: run.tenantId,
        projectId: run.projectId,
        kind: run.kind,
        createdBy: run.createdBy,
        generators,
        records,
        existing: existing.map((e) => `${e.target}:${e.index}`),
        metrics: config.metrics ?? [{ name: "exact_match" }],
        generation: config.generation ?? { temperature: 0, top_p: 1, max_tokens: 64 },
        seed: config.seed ?? 42,
        logContent,
      },
    };
  });
}

async function resolveGenerators(ctx: ServiceContext, run: EvaluationRunRow): Promise<EvaluationGenerator[]> {
  const out: EvaluationGenerator[] = [];
  for (const t of run.targets as unknown as EvaluationTarget[]) {
    if (t.kind === "model_version") {
      const v = tables.modelVersions;
      const [version] = await ctx.db
        .select({ id: v.id, base: v.baseModelVersionId, artifactType: v.artifactType })
        .from(v)
        .where(eq(v.id, t.model_version_id ?? ""));
      if (!version)
        throw new Error(`target ${t.key}: the model version ${t.model_version_id} no longer exists`);
      const adapter = version.artifactType === "adapter" && version.base !== null;
      const model = await ggufOf(ctx, adapter ? version.base! : version.id);
      if (!model)
        throw new Error(`target ${t.key}: the model version ${version.id} has no GGUF file to generate with`);
      const adapterFile = adapter ? await ggufOf(ctx, version.id) : null;
      if (adapter && !adapterFile)
        throw new Error(`target ${t.key}: the adapter version ${version.id} has no GGUF adapter file`);
      out.push({
        key: t.key,
        kind: "model_version",
        label: t.label,
        modelVersionId: version.id,
        model,
        adapter: adapterFile,
      });
    } else {
      // Checked again here: a revision of another project's service is never called for this run.
      const rev = tables.serviceRevisions;
      const svc = tables.services;
      const [row] = await ctx.db
        .select({ id: rev.id })
        .from(rev)
        .innerJoin(svc, eq(svc.id, rev.serviceId))
        .where(
          and(
            eq(rev.id, t.revision_id ?? ""),
            eq(svc.id, t.service_id ?? ""),
            eq(svc.projectId, run.projectId),
          ),
        );
      if (!row)
        throw new Error(
          `target ${t.key}: the service revision ${t.revision_id} no longer exists in this project`,
        );
      out.push({
        key: t.key,
        kind: "service_revision",
        label: t.label,
        serviceId: t.service_id!,
        revisionId: row.id,
      });
    }
  }
  if (!out.length) throw new Error("the run has no target");
  return out;
}

/** A judge is a service of the run's own project: another project's is never called. */
async function checkJudges(ctx: ServiceContext, projectId: string, metrics: readonly MetricConfig[]) {
  for (const m of metrics) {
    if (m.name !== "judge" || !m.judge_service_id) continue;
    const svc = tables.services;
    const [row] = await ctx.db
      .select({ id: svc.id })
      .from(svc)
      .where(and(eq(svc.id, m.judge_service_id), eq(svc.projectId, projectId)));
    if (!row) throw new Error(`the judge service ${m.judge_service_id} does not exist in this project`);
  }
}

async function ggufOf(ctx: ServiceContext, versionId: string): Promise<EvaluationModelFile | null> {
  const f = tables.modelVersionFiles;
  const [file] = await ctx.db
    .select({ sha256: f.sha256, size: f.size, path: f.path })
    .from(f)
    .where(and(eq(f.versionId, versionId), eq(f.kind, "gguf")))
    .orderBy(f.path)
    .limit(1);
  return file ?? null;
}

/** Seed 000 §4.3.2 E, as the playground reads it: a Prod project logs no content unless its policy allows. */
async function mayLogContent(ctx: ServiceContext, projectId: string): Promise<boolean> {
  const [project] = await ctx.db
    .select({ env: tables.projects.env })
    .from(tables.projects)
    .where(eq(tables.projects.id, projectId));
  if (project?.env !== "prod") return true;
  const [row] = await ctx.db
    .select({ noLogging: tables.projectPolicies.prodNoPlaygroundLogging })
    .from(tables.projectPolicies)
    .where(eq(tables.projectPolicies.projectId, projectId));
  return !(row?.noLogging ?? true);
}
