import type { Env } from "@infera/contracts";

interface PolicyRow {
  prodDisallowScaleToZero: boolean;
  prodForceAlerts: boolean;
  prodNoPlaygroundLogging: boolean;
  viewersCannotViewLogs: boolean;
}

/**
 * Env policies are the Prod restrictions of seed 000 §4.3.2 E: stored for every project, in force
 * only while the project's env is prod.
 */
export function effectivePolicies(env: Env, row: PolicyRow) {
  const prod = env === "prod";
  const effective = {
    scale_to_zero_allowed: !(prod && row.prodDisallowScaleToZero),
    alerts_forced: prod && row.prodForceAlerts,
    playground_logging_allowed: !(prod && row.prodNoPlaygroundLogging),
    viewers_can_view_logs: !(prod && row.viewersCannotViewLogs),
  };
  const denials = {
    viewers_cannot_view_logs: !effective.viewers_can_view_logs,
    prod_no_playground_logging: !effective.playground_logging_allowed,
  };
  return { effective, denials };
}
