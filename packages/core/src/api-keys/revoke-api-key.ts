import type { ApiKey, RevokeApiKeyInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { actorIdOf } from "../fine-tuning/job-access.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, invalid } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeApiKey, toApiKey } from "./api-key-access.js";
import { notifyApiKeyChanged } from "./api-key-changes.js";

/**
 * Revokes a key for good, its name typed as confirmation. The gateway processes drop it from their
 * caches when the transaction commits (LISTEN/NOTIFY), so the next call with it is refused.
 */
export async function revokeApiKey({
  ctx,
  keyId,
  input,
}: {
  ctx: ServiceContext;
  keyId: string;
  input: RevokeApiKeyInput;
}): Promise<ApiKey> {
  return withTransaction(ctx, async (tx) => {
    const { key } = await authorizeApiKey(tx, "api_key.revoke", keyId, { forUpdate: true });
    if (input.confirm_name !== key.name)
      throw invalid("confirm_name must be the key's name, exactly as shown", { field: "confirm_name" });
    if (key.revokedAt) throw conflict("this API key is already revoked");
    const now = tx.now();
    const [row] = await tx.db
      .update(tables.apiKeys)
      .set({ revokedAt: now, revokedBy: actorIdOf(tx), updatedAt: now })
      .where(eq(tables.apiKeys.id, keyId))
      .returning();
    const after = toApiKey(row!, now);
    await notifyApiKeyChanged(tx, keyId);
    await recordAudit(tx, {
      action: "api_key.revoke",
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
