import type { CreateModelInput, CreateSystemModelInput, Model } from "@infera/contracts";
import { isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import { withTransaction } from "../shared/transaction.js";
import { loadModelView } from "./to-model.js";

/** A tenant model managed by the project (private or shared with the tenant; public is for system models). */
export async function createModel({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateModelInput;
}): Promise<Model> {
  const access = await authorize(ctx, "model.create", { projectId });
  if (input.visibility === "public")
    throw invalid("visibility public is for system models; a project's model is private or tenant_shared");
  const tenantId = access.tenantId!;
  return insertModel(ctx, input, { ownerType: "tenant", tenantId, projectId });
}

/** A platform model (system model), visible to every tenant when public. Platform admin only. */
export async function createSystemModel({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateSystemModelInput;
}): Promise<Model> {
  await authorize(ctx, "model.system.create");
  return insertModel(ctx, input, { ownerType: "platform", tenantId: null, projectId: null });
}

export async function insertModelRow(
  tx: TxContext,
  input: CreateModelInput | CreateSystemModelInput,
  owner: { ownerType: "platform" | "tenant"; tenantId: string | null; projectId: string | null },
): Promise<Model> {
  const id = newId("model");
  await tx.db.insert(tables.models).values({
    id,
    ...owner,
    ownerKey: owner.tenantId ?? "platform",
    visibility: input.visibility,
    name: input.name,
    description: input.description,
    source: input.source,
    license: input.license,
    createdBy: tx.principal.type === "user" ? tx.principal.userId : null,
  });
  const model = (await loadModelView(tx.db, id, owner.projectId))!;
  await recordAudit(tx, {
    action: owner.ownerType === "platform" ? "model.system.create" : "model.create",
    resourceType: "model",
    resourceId: id,
    tenantId: owner.tenantId,
    projectId: owner.projectId,
    after: model,
  });
  return model;
}

async function insertModel(
  ctx: ServiceContext,
  input: CreateModelInput | CreateSystemModelInput,
  owner: { ownerType: "platform" | "tenant"; tenantId: string | null; projectId: string | null },
): Promise<Model> {
  try {
    return await withTransaction(ctx, (tx) => insertModelRow(tx, input, owner));
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(
        `a model named "${input.name}" already exists ${owner.ownerType === "platform" ? "among system models" : "in this tenant"}`,
      );
    throw err;
  }
}
