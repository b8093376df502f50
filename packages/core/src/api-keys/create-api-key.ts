import type { ApiKeyWithSecret, CreateApiKeyInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import { actorIdOf } from "../fine-tuning/job-access.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid, notFound } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { toApiKey } from "./api-key-access.js";
import { newApiKeySecret } from "./api-key-secret.js";

/** A new API key of the project; the answer carries its secret, the only time it is ever sent. */
export async function createApiKey({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateApiKeyInput;
}): Promise<ApiKeyWithSecret> {
  await authorize(ctx, "api_key.create", { projectId });
  const now = ctx.now();
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime())
    throw invalid("expires_at must be in the future", { field: "expires_at" });
  return withTransaction(ctx, async (tx) => {
    const [project] = await tx.db
      .select({ tenantId: tables.projects.tenantId })
      .from(tables.projects)
      .where(eq(tables.projects.id, projectId));
    if (!project) throw notFound("project");
    const issued = newApiKeySecret();
    const [row] = await tx.db
      .insert(tables.apiKeys)
      .values({
        id: newId("apiKey"),
        tenantId: project.tenantId,
        projectId,
        name: input.name,
        note: input.note,
        scopes: input.scopes,
        secretDigest: issued.digest,
        prefix: issued.prefix,
        rpmLimit: input.rpm_limit,
        dailyTokenLimit: input.daily_token_limit,
        expiresAt,
        createdBy: actorIdOf(tx),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const created = toApiKey(row!, now);
    await recordAudit(tx, {
      action: "api_key.create",
      resourceType: "api_key",
      resourceId: created.id,
      tenantId: project.tenantId,
      projectId,
      after: created,
    });
    return { ...created, secret: issued.secret };
  });
}
