import type { ServiceAccount, UpdateServiceAccountInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadServiceAccount, lockProject, nameTaken } from "./service-account-queries.js";

/** Renames, changes the role or note, or disables / enables: a disabled account's tokens stop working. */
export async function updateServiceAccount({
  ctx,
  projectId,
  serviceAccountId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  serviceAccountId: string;
  input: UpdateServiceAccountInput;
}): Promise<ServiceAccount> {
  await authorize(ctx, "project.service_account.update", { projectId });
  return withTransaction(ctx, async (tx) => {
    const project = await lockProject(tx.db, projectId);
    if (!project) throw notFound("project");
    const before = await loadServiceAccount(tx.db, projectId, serviceAccountId);
    if (!before) throw notFound("service account");
    if (input.name !== undefined && (await nameTaken(tx.db, projectId, input.name, serviceAccountId)))
      throw conflict(`a service account named "${input.name}" already exists in this project`);
    await tx.db
      .update(tables.serviceAccounts)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        updatedAt: ctx.now(),
      })
      .where(eq(tables.serviceAccounts.id, serviceAccountId));
    const after = (await loadServiceAccount(tx.db, projectId, serviceAccountId))!;
    await recordAudit(tx, {
      action: "project.service_account.update",
      resourceType: "service_account",
      resourceId: serviceAccountId,
      tenantId: project.tenantId,
      projectId,
      before,
      after,
    });
    return after;
  });
}
