import type { Action, EvaluationRun, EvaluationTarget } from "@infera/contracts";
import { EvaluationRun as EvaluationRunSchema } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { type Access, authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { iso } from "../shared/pagination.js";

export type EvaluationRunRow = typeof tables.evaluationRuns.$inferSelect;

const RUN_ID = /^evr_[0-9a-z]{26}$/;

/** Who a run's `created_by` names: the user or the service account. */
export function evaluationActorId(ctx: ServiceContext): string | null {
  const p = ctx.principal;
  if (p.type === "user") return p.userId;
  if (p.type === "service_account") return p.serviceAccountId;
  return null;
}

/**
 * Decides `action` on the run's project. A run of another project the caller cannot see, or of
 * another tenant, answers not_found like an unknown id.
 */
export async function authorizeEvaluationRun(
  ctx: ServiceContext,
  action: Action,
  runId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ run: EvaluationRunRow; access: Access }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  if (!RUN_ID.test(runId)) throw notFound("evaluation run");
  const q = ctx.db.select().from(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, runId));
  const [run] = opts.forUpdate ? await q.for("update") : await q;
  if (!run) throw notFound("evaluation run");
  try {
    return { run, access: await authorize(ctx, action, { projectId: run.projectId }) };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("evaluation run");
    throw err;
  }
}

/**
 * Seconds left at the pace so far: only while running, after the first sample, with a known total.
 */
export function etaSeconds(row: EvaluationRunRow, now: Date): number | null {
  if (row.status !== "running" || !row.startedAt || !row.samplesTotal || row.samplesDone <= 0) return null;
  const elapsed = (now.getTime() - row.startedAt.getTime()) / 1000;
  if (elapsed <= 0) return null;
  const left = Math.max(0, row.samplesTotal - row.samplesDone);
  return Math.round((elapsed / row.samplesDone) * left);
}

/** The wire view of a run. */
export function toEvaluationRun(row: EvaluationRunRow, now: Date = new Date()): EvaluationRun {
  const config = EvaluationRunSchema.shape.config.safeParse(row.config);
  return {
    id: row.id,
    project_id: row.projectId,
    kind: row.kind,
    name: row.name,
    status: row.status,
    targets: row.targets as unknown as EvaluationTarget[],
    dataset_id: row.datasetId,
    dataset_version_id: row.datasetVersionId,
    config: (config.success ? config.data : row.config) as EvaluationRun["config"],
    samples_total: row.samplesTotal,
    samples_done: row.samplesDone,
    eta_seconds: etaSeconds(row, now),
    summary: (row.summary as EvaluationRun["summary"]) ?? null,
    gate: (row.gate as EvaluationRun["gate"]) ?? null,
    error: row.error,
    rerun_of: row.rerunOf,
    benchmark_id: row.benchmarkId,
    created_by: row.createdBy,
    created_at: iso(row.createdAt),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
  };
}

export async function loadEvaluationRun(ctx: ServiceContext, runId: string): Promise<EvaluationRun> {
  const [row] = await ctx.db.select().from(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, runId));
  if (!row) throw notFound("evaluation run");
  return toEvaluationRun(row, ctx.now());
}
