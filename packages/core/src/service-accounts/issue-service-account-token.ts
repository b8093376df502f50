import type { IssuedToken, IssueTokenInput } from "@infera/contracts";
import { and, eq, isNull, ne, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { newSecret, sha256Hex } from "../shared/crypto.js";
import { conflict, notFound } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";

/**
 * Issues a new token (shown once; only its sha256 is stored). With revoke_existing it is a rotation:
 * the account's other tokens are revoked in the same transaction, so they stop working as it commits.
 */
export async function issueServiceAccountToken({
  ctx,
  projectId,
  serviceAccountId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  serviceAccountId: string;
  input: IssueTokenInput;
}): Promise<IssuedToken> {
  await authorize(ctx, "project.service_account.token.issue", { projectId });
  return withTransaction(ctx, async (tx) => {
    const sa = tables.serviceAccounts;
    const [account] = await tx.db
      .select()
      .from(sa)
      .where(and(eq(sa.id, serviceAccountId), eq(sa.projectId, projectId)))
      .for("update");
    if (!account) throw notFound("service account");
    if (account.status !== "active")
      throw conflict("this service account is disabled: enable it before issuing a token");
    const t = tables.serviceAccountTokens;
    const id = newId("serviceAccountToken");
    const token = newSecret("inf_sa_");
    const prefix = token.slice(0, 12);
    const now = ctx.now();
    await tx.db
      .insert(t)
      .values({ id, serviceAccountId, tokenHash: sha256Hex(token), prefix, createdAt: now });
    const revoked = input.revoke_existing
      ? await tx.db
          .update(t)
          .set({ revokedAt: now })
          .where(and(eq(t.serviceAccountId, serviceAccountId), isNull(t.revokedAt), ne(t.id, id)))
          .returning({ id: t.id })
      : [];
    const issued: IssuedToken = {
      id,
      service_account_id: serviceAccountId,
      token,
      prefix,
      revoked_token_ids: revoked.map((r) => r.id),
      created_at: now.toISOString(),
    };
    await recordAudit(tx, {
      action: "project.service_account.token.issue",
      resourceType: "service_account",
      resourceId: serviceAccountId,
      tenantId: account.tenantId,
      projectId,
      after: {
        token_id: id,
        prefix,
        revoke_existing: input.revoke_existing,
        revoked_token_ids: issued.revoked_token_ids,
      },
    });
    return issued;
  });
}
