import type { Project, UpdateProjectInput } from "@infera/contracts";
import { eq, isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadProjectView } from "./to-project.js";

export async function updateProject({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: UpdateProjectInput;
}): Promise<Project> {
  const access = await authorize(ctx, "project.update", { projectId });
  try {
    return await withTransaction(ctx, async (tx) => {
      const before = await loadProjectView(tx.db, projectId, access.subject.projectRole);
      if (!before) throw notFound("project");
      await tx.db
        .update(tables.projects)
        .set({ ...input, updatedAt: ctx.now() })
        .where(eq(tables.projects.id, projectId));
      const after = (await loadProjectView(tx.db, projectId, access.subject.projectRole))!;
      await recordAudit(tx, {
        action: "project.update",
        resourceType: "project",
        resourceId: projectId,
        tenantId: before.tenant_id,
        projectId,
        before: { ...before, role: undefined },
        after: { ...after, role: undefined },
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(`a project named "${input.name}" already exists in this tenant`);
    throw err;
  }
}
