import type { Action, EvaluationTarget } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { type Access, authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, notFound } from "../../shared/errors.js";

export type RatedRunRow = typeof tables.evaluationRuns.$inferSelect;

const RUN_ID = /^evr_[0-9a-z]{26}$/;

/**
 * Loads a run and decides `action` on its project. A run the caller cannot see (another tenant's,
 * another project's without a role) answers not_found, like any other id.
 */
export async function authorizeRatedRun(
  ctx: ServiceContext,
  action: Action,
  runId: string,
): Promise<{ run: RatedRunRow; access: Access }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  if (!RUN_ID.test(runId)) throw notFound("evaluation run");
  const [run] = await ctx.db.select().from(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, runId));
  if (!run) throw notFound("evaluation run");
  try {
    return { run, access: await authorize(ctx, action, { projectId: run.projectId }) };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("evaluation run");
    throw err;
  }
}

/** Ratings, win rates and preference exports exist only for side-by-side runs. */
export function requireSideBySide(run: RatedRunRow, what: string): void {
  if (run.kind !== "side_by_side")
    throw new DomainError(
      "conflict",
      `evaluation run ${run.id} is a ${run.kind} run; ${what} only side_by_side runs (two targets answering the same prompts)`,
      { kind: run.kind },
    );
}

export const runTargets = (run: RatedRunRow) => run.targets as unknown as EvaluationTarget[];
