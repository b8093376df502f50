import type { GateOutcome } from "@infera/contracts";
import { and, desc, type Executor, eq, tables } from "@infera/db";
import { registerPassingEvaluationFinder } from "../../models/tags/release-gates.js";
import { DomainError, notFound } from "../../shared/errors.js";
import type { CoreRegistry, PassingEvaluationFinder, ReleaseGateInput } from "../../shared/registry.js";
import { ruleFailureText } from "./decide-gate.js";

type RunRow = typeof tables.evaluationRuns.$inferSelect;

const unusable = (message: string, details?: unknown) =>
  new DomainError("unprocessable_content", message, details);

/** "exact_match 0.06 < 0.80; bleu 12 < 20 in evr_…": what a failed gate run stopped on. */
function failureOf(run: RunRow): { reason: string; failed_rules: unknown[] } {
  const gate = run.gate as GateOutcome | null;
  const failed = gate?.rules.filter((r) => !r.passed) ?? [];
  const what = failed.length
    ? failed.map(ruleFailureText).join("; ")
    : (gate?.reason ?? "the gate did not pass");
  return {
    reason: `${what} in ${run.id}`,
    failed_rules: failed.map((r) => ({
      rule_id: r.rule_id,
      metric: r.metric,
      comparator: r.comparator,
      value: r.value,
      threshold: r.threshold,
      baseline_value: r.baseline_value,
      reason: r.reason,
    })),
  };
}

function answer(run: RunRow): Awaited<ReturnType<PassingEvaluationFinder>> {
  if (run.gatePassed)
    return {
      passed: true,
      evaluationRunId: run.id,
      reason: `gate run ${run.id} passed`,
      evidence: {},
    };
  const f = failureOf(run);
  return {
    passed: false,
    evaluationRunId: run.id,
    reason: f.reason,
    evidence: { failed_rules: f.failed_rules },
  };
}

/**
 * The release gate's evidence from evaluation: the gate run the caller named — which must be a
 * finished gate run of this very version in the model's project (another project's or tenant's is
 * not found; another version's, another kind or an unfinished one is 422) — or else the newest
 * finished gate run of the version in the project: the newest passing one when there is one, the
 * newest failing one otherwise (the refusal names its failed rules).
 */
export async function findGateEvidence(
  exec: Executor,
  input: ReleaseGateInput,
): Promise<Awaited<ReturnType<PassingEvaluationFinder>>> {
  if (!input.projectId) return null;
  const r = tables.evaluationRuns;
  if (input.evaluationRunId) {
    const [run] = await exec
      .select()
      .from(r)
      .where(and(eq(r.id, input.evaluationRunId), eq(r.projectId, input.projectId)));
    if (!run) throw notFound(`evaluation run ${input.evaluationRunId}`);
    const field = { field: "evaluation_run_id", evaluation_run_id: run.id };
    if (run.kind !== "gate")
      throw unusable(
        `${run.id} is ${run.kind === "automatic" ? "an automatic" : "a side-by-side"} run; a tag move takes a gate run as evidence`,
        field,
      );
    if (run.modelVersionId !== input.versionId)
      throw unusable(
        `${run.id} evaluated ${run.modelVersionId ?? "no model version"}, not ${input.versionId}`,
        field,
      );
    if (run.status !== "succeeded" || run.gatePassed === null)
      throw unusable(
        `${run.id} is ${run.status}: only a finished gate run is evidence; wait for it or run it again`,
        field,
      );
    return answer(run);
  }
  const finished = and(
    eq(r.projectId, input.projectId),
    eq(r.modelVersionId, input.versionId),
    eq(r.kind, "gate"),
    eq(r.status, "succeeded"),
  );
  const newest = [desc(r.finishedAt), desc(r.createdAt), desc(r.id)];
  const [passing] = await exec
    .select()
    .from(r)
    .where(and(finished, eq(r.gatePassed, true)))
    .orderBy(...newest)
    .limit(1);
  if (passing) return answer(passing);
  const [failing] = await exec
    .select()
    .from(r)
    .where(and(finished, eq(r.gatePassed, false)))
    .orderBy(...newest)
    .limit(1);
  return failing ? answer(failing) : null;
}

/** Evaluation's part of the prod release gate (registered by `registerCoreKinds`). */
export function registerGateEvidenceFinder(registry: CoreRegistry): void {
  registerPassingEvaluationFinder(registry, findGateEvidence);
}
