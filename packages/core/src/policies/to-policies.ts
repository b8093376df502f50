import type { Env, ProjectPolicies } from "@infera/contracts";
import type { tables } from "@infera/db";
import { effectivePolicies } from "../authz/effective-policies.js";

type Row = Omit<typeof tables.projectPolicies.$inferSelect, "projectId">;

/**
 * Seed 000 §4.3.2 E: every Prod restriction is on unless the project turned it off — the release
 * gate on the `prod` tag included ("Prod is stricter"); like the others it is in force only while
 * the project's env is prod, so Dev and Test projects move `prod` freely.
 */
export const defaultPolicies = {
  prodDisallowScaleToZero: true,
  prodForceAlerts: true,
  prodNoPlaygroundLogging: true,
  viewersCannotViewLogs: true,
  prodRequiresPassingEvaluation: true,
  // Seed 004 FR54 is a team's choice, not a Prod restriction: off unless the project turns it on.
  fineTuningOwnJobsOnly: false,
  // Seed 004: a finished job's workspace and logs are kept a week.
  fineTuningRetentionDays: 7,
};

export function toPolicies(projectId: string, env: Env, row: Row): ProjectPolicies {
  return {
    project_id: projectId,
    env,
    prod_disallow_scale_to_zero: row.prodDisallowScaleToZero,
    prod_force_alerts: row.prodForceAlerts,
    prod_no_playground_logging: row.prodNoPlaygroundLogging,
    viewers_cannot_view_logs: row.viewersCannotViewLogs,
    prod_requires_passing_evaluation: row.prodRequiresPassingEvaluation,
    fine_tuning_own_jobs_only: row.fineTuningOwnJobsOnly,
    fine_tuning_retention_days: row.fineTuningRetentionDays,
    effective: effectivePolicies(env, row).effective,
    updated_at: row.updatedAt.toISOString(),
  };
}
