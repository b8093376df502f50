import type { GateResult } from "@infera/contracts";
import { type Executor, eq, tables } from "@infera/db";
import { defaultPolicies } from "../../policies/to-policies.js";
import type { ServiceContext } from "../../shared/context.js";
import type {
  CoreRegistry,
  PassingEvaluationFinder,
  ReleaseGate,
  ReleaseGateInput,
} from "../../shared/registry.js";

export type { PassingEvaluationFinder, ReleaseGate, ReleaseGateInput };

export const PROTECTED_TAGS = new Set(["prod"]);

export function registerReleaseGate(registry: CoreRegistry, gate: ReleaseGate): void {
  registry.releaseGates.set(gate.name, gate);
}

export function registerPassingEvaluationFinder(registry: CoreRegistry, find: PassingEvaluationFinder): void {
  registry.passingEvaluationFinders.push(find);
}

/**
 * What the registered finders say about the version: the first passing answer, else the first
 * failing one, else null. An offered run that cannot be evidence throws (404 / 422) from the finder.
 */
export async function findEvaluationEvidence(
  exec: Executor,
  input: ReleaseGateInput,
  registry: CoreRegistry,
): Promise<Awaited<ReturnType<PassingEvaluationFinder>>> {
  let failing: Awaited<ReturnType<PassingEvaluationFinder>> = null;
  for (const find of registry.passingEvaluationFinders) {
    const r = await find(exec, input);
    if (r?.passed) return r;
    failing ??= r;
  }
  return failing;
}

export async function runReleaseGates(ctx: ServiceContext, input: ReleaseGateInput): Promise<GateResult[]> {
  const results: GateResult[] = [];
  for (const gate of ctx.registry.releaseGates.values()) {
    if (!gate.appliesTo(input.tag)) continue;
    const r = await gate.check(ctx.db, input, ctx.registry);
    if (r) results.push(r);
  }
  return results;
}

export function registerProdReleaseGate(registry: CoreRegistry): void {
  registerReleaseGate(registry, {
    name: "prod_requires_passing_evaluation",
    appliesTo: (tag) => tag === "prod",
    async check(exec, input, registry) {
      if (!input.projectId) return null;
      const [row] = await exec
        .select({ env: tables.projects.env, on: tables.projectPolicies.prodRequiresPassingEvaluation })
        .from(tables.projects)
        .leftJoin(tables.projectPolicies, eq(tables.projectPolicies.projectId, tables.projects.id))
        .where(eq(tables.projects.id, input.projectId));
      // Like every env policy: on unless turned off, in force only while the project is Prod.
      if (row?.env !== "prod" || !(row.on ?? defaultPolicies.prodRequiresPassingEvaluation)) return null;
      const found = await findEvaluationEvidence(exec, input, registry);
      if (found?.passed)
        return {
          gate: this.name,
          passed: true,
          reason: found.reason,
          details: { evaluation_run_id: found.evaluationRunId, ...(found.evidence as object) },
        };
      const required = `the project requires a passing evaluation of ${input.versionId} before it becomes prod`;
      return {
        gate: this.name,
        passed: false,
        reason: found ? `${required}; ${found.reason}` : `${required}: run a gate evaluation of it first`,
        ...(found
          ? { details: { evaluation_run_id: found.evaluationRunId, ...(found.evidence as object) } }
          : {}),
      };
    },
  });
}
