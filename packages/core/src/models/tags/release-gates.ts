import type { GateResult } from "@infera/contracts";
import { eq, tables } from "@infera/db";
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
      for (const find of registry.passingEvaluationFinders) {
        const r = await find(exec, input.versionId);
        if (r?.passed)
          return {
            gate: this.name,
            passed: true,
            reason: "a passing evaluation exists",
            details: r.evidence,
          };
      }
      return {
        gate: this.name,
        passed: false,
        reason: `the project requires a passing evaluation of ${input.versionId} before it becomes prod`,
      };
    },
  });
}
