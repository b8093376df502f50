import type { ProjectPolicies, UpdateProjectPoliciesInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { defaultPolicies, toPolicies } from "./to-policies.js";

/** Replaces the project's env policies (every switch is given, as PUT means). */
export async function updateProjectPolicies({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: UpdateProjectPoliciesInput;
}): Promise<ProjectPolicies> {
  await authorize(ctx, "project.policy.update", { projectId });
  return withTransaction(ctx, async (tx) => {
    const [project] = await tx.db
      .select()
      .from(tables.projects)
      .where(eq(tables.projects.id, projectId))
      .for("update");
    if (!project) throw notFound("project");
    const [current] = await tx.db
      .select()
      .from(tables.projectPolicies)
      .where(eq(tables.projectPolicies.projectId, projectId));
    const before = toPolicies(
      projectId,
      project.env,
      current ?? { ...defaultPolicies, updatedAt: project.createdAt },
    );
    const values = {
      prodDisallowScaleToZero: input.prod_disallow_scale_to_zero,
      prodForceAlerts: input.prod_force_alerts,
      prodNoPlaygroundLogging: input.prod_no_playground_logging,
      viewersCannotViewLogs: input.viewers_cannot_view_logs,
      prodRequiresPassingEvaluation:
        input.prod_requires_passing_evaluation ??
        current?.prodRequiresPassingEvaluation ??
        defaultPolicies.prodRequiresPassingEvaluation,
      fineTuningOwnJobsOnly:
        input.fine_tuning_own_jobs_only ??
        current?.fineTuningOwnJobsOnly ??
        defaultPolicies.fineTuningOwnJobsOnly,
      fineTuningRetentionDays:
        input.fine_tuning_retention_days ??
        current?.fineTuningRetentionDays ??
        defaultPolicies.fineTuningRetentionDays,
      updatedAt: ctx.now(),
    };
    const [row] = await tx.db
      .insert(tables.projectPolicies)
      .values({ projectId, ...values })
      .onConflictDoUpdate({ target: tables.projectPolicies.projectId, set: values })
      .returning();
    const after = toPolicies(projectId, project.env, row!);
    await recordAudit(tx, {
      action: "project.policy.update",
      resourceType: "project_policies",
      resourceId: projectId,
      tenantId: project.tenantId,
      projectId,
      before,
      after,
    });
    return after;
  });
}
