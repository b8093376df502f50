import type { CreateServiceAccountInput, ServiceAccount } from "@infera/contracts";
import { tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { loadServiceAccount, lockProject, nameTaken } from "./service-account-queries.js";

/** A non-human principal of one project, with a project role; it gets tokens separately. */
export async function createServiceAccount({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateServiceAccountInput;
}): Promise<ServiceAccount> {
  await authorize(ctx, "project.service_account.create", { projectId });
  return withTransaction(ctx, async (tx) => {
    const project = await lockProject(tx.db, projectId);
    if (!project) throw notFound("project");
    if (await nameTaken(tx.db, projectId, input.name, null))
      throw conflict(`a service account named "${input.name}" already exists in this project`);
    const id = newId("serviceAccount");
    const p = ctx.principal;
    await tx.db.insert(tables.serviceAccounts).values({
      id,
      projectId,
      tenantId: project.tenantId,
      name: input.name,
      role: input.role,
      note: input.note,
      createdBy: p.type === "user" ? p.userId : p.type === "service_account" ? p.serviceAccountId : null,
    });
    const created = (await loadServiceAccount(tx.db, projectId, id))!;
    await recordAudit(tx, {
      action: "project.service_account.create",
      resourceType: "service_account",
      resourceId: id,
      tenantId: project.tenantId,
      projectId,
      after: created,
    });
    return created;
  });
}
