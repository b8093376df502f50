import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadServiceAccount, lockProject } from "./service-account-queries.js";

/** Deletes the account and its tokens; they stop working at once. */
export async function deleteServiceAccount({
  ctx,
  projectId,
  serviceAccountId,
}: {
  ctx: ServiceContext;
  projectId: string;
  serviceAccountId: string;
}): Promise<void> {
  await authorize(ctx, "project.service_account.delete", { projectId });
  await withTransaction(ctx, async (tx) => {
    const project = await lockProject(tx.db, projectId);
    if (!project) throw notFound("project");
    const before = await loadServiceAccount(tx.db, projectId, serviceAccountId);
    if (!before) throw notFound("service account");
    await tx.db.delete(tables.serviceAccounts).where(eq(tables.serviceAccounts.id, serviceAccountId));
    await recordAudit(tx, {
      action: "project.service_account.delete",
      resourceType: "service_account",
      resourceId: serviceAccountId,
      tenantId: project.tenantId,
      projectId,
      before,
    });
  });
}
