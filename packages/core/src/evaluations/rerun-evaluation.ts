import { CreateEvaluationInput, type EvaluationRun, type EvaluationTarget } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { createEvaluation } from "./create-evaluation.js";
import { authorizeEvaluationRun } from "./evaluation-access.js";

/** What the user named for a stored target: the tag again when they named one, so it re-resolves. */
function targetInput(t: EvaluationTarget) {
  if (t.kind === "service_revision") return { service_id: t.service_id!, revision_id: t.revision_id! };
  const tag = t.label.includes(":") ? t.label.slice(t.label.lastIndexOf(":") + 1) : null;
  if (tag && t.model_id) return { model_id: t.model_id, ref: tag };
  return { model_version_id: t.model_version_id! };
}

/**
 * A new run with the same configuration: targets named by a tag are resolved again (a rerun after
 * moving `prod` evaluates the new prod), everything is checked again as on create, and the new run
 * records which run it repeats. A gate's rules and
 * baseline are found again, not copied; a run made from a benchmark keeps it and takes its dataset's
 * latest version again (a deleted benchmark answers not_found).
 */
export async function rerunEvaluation({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<EvaluationRun> {
  const { run } = await authorizeEvaluationRun(ctx, "evaluation.read", runId);
  const targets = (run.targets as unknown as EvaluationTarget[])
    .filter((t) => t.role !== "baseline")
    .sort((x, y) => x.key.localeCompare(y.key))
    .map(targetInput);
  const config = { ...run.config } as Record<string, unknown>;
  // A gate rerun applies the project's rules as they are now (the stored ids are those found at
  // creation; a rule deleted since would otherwise make the rerun fail).
  if (run.kind === "gate") delete config.gate_rule_ids;
  // A benchmark's run reads its benchmark's version again: the dataset's latest now, or the pinned one.
  if (typeof config.benchmark_id === "string") delete config.dataset_version_id;
  const parsed = CreateEvaluationInput.safeParse({
    kind: run.kind,
    name: run.name ?? undefined,
    targets,
    ...config,
  });
  if (!parsed.success)
    throw new DomainError(
      "unprocessable_content",
      `the run's configuration no longer parses: ${parsed.error.issues[0]?.message}`,
    );
  return createEvaluation({ ctx, projectId: run.projectId, input: parsed.data, rerunOf: run.id });
}
