import type { DeleteProjectInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid, notFound, resourceInUse } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadProjectView } from "./to-project.js";

/**
 * Deletes a project once its name is typed back. While it holds resources it answers resource_in_use
 * with the list of them, unless cascade was asked for; then they go in the same transaction.
 */
export async function deleteProject({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: DeleteProjectInput;
}): Promise<void> {
  await authorize(ctx, "project.delete", { projectId });
  await withTransaction(ctx, async (tx) => {
    const [locked] = await tx.db
      .select()
      .from(tables.projects)
      .where(eq(tables.projects.id, projectId))
      .for("update");
    if (!locked) throw notFound("project");
    if (input.confirm_name !== locked.name)
      throw invalid("confirm_name must be the project's name, exactly as shown");
    const before = (await loadProjectView(tx.db, projectId, null))!;
    // One kind at a time: a transaction is one connection, and node-postgres deprecates a query
    // sent while the connection is still answering another.
    const dependants = [];
    for (const kind of tx.registry.holdingKinds.values())
      dependants.push(...(await kind.find(tx.db, projectId)));
    if (dependants.length && !input.cascade) {
      throw resourceInUse(
        `project "${locked.name}" still holds ${dependants.length} resource(s); delete them or ask for cascade`,
        dependants,
      );
    }
    for (const kind of tx.registry.holdingKinds.values()) await kind.remove(tx.db, projectId);
    await tx.db.delete(tables.projects).where(eq(tables.projects.id, projectId));
    await recordAudit(tx, {
      action: "project.delete",
      resourceType: "project",
      resourceId: projectId,
      tenantId: locked.tenantId,
      projectId,
      before: { ...before, role: undefined },
      after: {
        cascade: input.cascade,
        removed: dependants.map((d) => ({ type: d.type, id: d.id, name: d.name })),
      },
    });
  });
}
