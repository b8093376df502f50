import type { ProjectPolicies } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { defaultPolicies, toPolicies } from "./to-policies.js";

/** The project's env policies and what is in force now (prod_* apply only while env is prod). */
export async function getProjectPolicies({
  ctx,
  projectId,
}: {
  ctx: ServiceContext;
  projectId: string;
}): Promise<ProjectPolicies> {
  await authorize(ctx, "project.policy.read", { projectId });
  const [r] = await ctx.db
    .select({ project: tables.projects, policies: tables.projectPolicies })
    .from(tables.projects)
    .leftJoin(tables.projectPolicies, eq(tables.projectPolicies.projectId, tables.projects.id))
    .where(eq(tables.projects.id, projectId));
  if (!r) throw notFound("project");
  return toPolicies(
    projectId,
    r.project.env,
    r.policies ?? { ...defaultPolicies, updatedAt: r.project.createdAt },
  );
}
