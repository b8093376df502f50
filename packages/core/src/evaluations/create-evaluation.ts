import type { CreateEvaluationInput, EvaluationRun } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { applyBenchmark } from "./benchmarks/apply-benchmark.js";
import {
  checkEvaluationData,
  checkEvaluationMetrics,
  checkScoringTargets,
  resolveGateRules,
} from "./check-evaluation-inputs.js";
import { evaluationActorId, loadEvaluationRun } from "./evaluation-access.js";
import { resolveEvaluationTargets } from "./resolve-evaluation-targets.js";
import { insertEvaluationRun } from "./run/insert-evaluation-run.js";

/**
 * Resolves and checks everything a run names inside the caller's project (a benchmark's data and
 * defaults, targets with their tags resolved now, data, metrics, gate rules), then queues the run and
 * its job with the audit event.
 */
export async function createEvaluation({
  ctx,
  projectId,
  input: requested,
  rerunOf,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateEvaluationInput;
  /** A rerun: the run this one repeats. */
  rerunOf?: string;
}): Promise<EvaluationRun> {
  const id = await withTransaction(ctx, async (tx) => {
    const access = await authorize(tx, "evaluation.create", { projectId });
    const scope = { tenantId: access.tenantId!, projectId };
    const { input, benchmark } = await applyBenchmark(tx, requested, projectId);
    let gate = { ruleIds: [] as string[], needsBaseline: false, regressionPrompts: false };
    if (input.kind !== "gate") await resolveGateRules(tx, input, { projectId, modelId: null });
    const targets = await resolveEvaluationTargets(tx, input, {
      ...scope,
      needsBaseline: async (modelId) => {
        gate = await resolveGateRules(tx, input, { projectId, modelId });
        return gate.needsBaseline;
      },
    });
    const data = await checkEvaluationData(tx, input, scope, { regressionPrompts: gate.regressionPrompts });
    await checkEvaluationMetrics(tx, input.metrics, scope);
    checkScoringTargets(input.metrics, targets);
    const { kind, name, targets: _given, ...config } = input;
    const runId = await insertEvaluationRun(tx, {
      ...scope,
      kind,
      name: name ?? null,
      targets,
      datasetId: data.datasetId,
      datasetVersionId: data.datasetVersionId,
      config: { ...config, ...(kind === "gate" ? { gate_rule_ids: gate.ruleIds } : {}) },
      createdBy: evaluationActorId(tx),
      rerunOf: rerunOf ?? null,
      benchmarkId: benchmark?.id ?? null,
    });
    const after = await loadEvaluationRun(tx, runId);
    await recordAudit(tx, {
      action: "evaluation.create",
      resourceType: "evaluation_run",
      resourceId: runId,
      tenantId: scope.tenantId,
      projectId,
      after,
    });
    return runId;
  });
  return loadEvaluationRun(ctx, id);
}
