import type { ApiKey, UpdateApiKeyInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, invalid } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeApiKey, toApiKey } from "./api-key-access.js";
import { notifyApiKeyChanged } from "./api-key-changes.js";

/**
 * Changes a key's name, scopes, limits, expiry or note. Every gateway process hears of it on commit
 * (LISTEN/NOTIFY) and applies the new scopes and limits from its next request on.
 */
export async function updateApiKey({
  ctx,
  keyId,
  input,
}: {
  ctx: ServiceContext;
  keyId: string;
  input: UpdateApiKeyInput;
}): Promise<ApiKey> {
  return withTransaction(ctx, async (tx) => {
    const { key } = await authorizeApiKey(tx, "api_key.update", keyId, { forUpdate: true });
    const now = tx.now();
    if (key.revokedAt) throw conflict("this API key is revoked; create or rotate a key instead");
    const expiresAt =
      input.expires_at === undefined ? undefined : input.expires_at ? new Date(input.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime())
      throw invalid("expires_at must be in the future", { field: "expires_at" });
    const [row] = await tx.db
      .update(tables.apiKeys)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        ...(input.rpm_limit !== undefined ? { rpmLimit: input.rpm_limit } : {}),
        ...(input.daily_token_limit !== undefined ? { dailyTokenLimit: input.daily_token_limit } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        updatedAt: now,
      })
      .where(eq(tables.apiKeys.id, keyId))
      .returning();
    const after = toApiKey(row!, now);
    await notifyApiKeyChanged(tx, keyId);
    await recordAudit(tx, {
      action: "api_key.update",
      resourceType: "api_key",
      resourceId: keyId,
      tenantId: key.tenantId,
      projectId: key.projectId,
      before: toApiKey(key, now),
      after,
    });
    return after;
  });
}
