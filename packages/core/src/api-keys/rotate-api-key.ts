import type { ApiKeyWithSecret, RotateApiKeyInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { actorIdOf } from "../fine-tuning/job-access.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeApiKey, toApiKey } from "./api-key-access.js";
import { notifyApiKeyChanged } from "./api-key-changes.js";
import { newApiKeySecret } from "./api-key-secret.js";

/**
 * A new key with the old one's name, scopes, limits, expiry (or the one given) and note, and a new
 * secret (in the answer, shown once). An expired key's rotation must name a new expiry: copying the
 * past one would hand out a secret that is refused on its first call. The old key is revoked in the same transaction, or with `keep_old` keeps
 * working until someone revokes it (a rollout that moves clients over one by one). A new row rather
 * than a new secret on the old row, so both can be listed, used and revoked apart.
 */
export async function rotateApiKey({
  ctx,
  keyId,
  input,
}: {
  ctx: ServiceContext;
  keyId: string;
  input: RotateApiKeyInput;
}): Promise<ApiKeyWithSecret> {
  return withTransaction(ctx, async (tx) => {
    const { key } = await authorizeApiKey(tx, "api_key.rotate", keyId, { forUpdate: true });
    if (key.revokedAt) throw conflict("this API key is revoked; create a new key instead");
    const now = tx.now();
    const expiresAt =
      input.expires_at === undefined ? key.expiresAt : input.expires_at ? new Date(input.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime())
      throw invalid(
        input.expires_at === undefined
          ? `this key expired at ${key.expiresAt!.toISOString()}; give the new key an expiry in the future (expires_at), or null for none`
          : "expires_at must be in the future",
        { field: "expires_at" },
      );
    const actor = actorIdOf(tx);
    const issued = newApiKeySecret();
    const [row] = await tx.db
      .insert(tables.apiKeys)
      .values({
        id: newId("apiKey"),
        tenantId: key.tenantId,
        projectId: key.projectId,
        name: key.name,
        note: key.note,
        scopes: key.scopes,
        secretDigest: issued.digest,
        prefix: issued.prefix,
        rpmLimit: key.rpmLimit,
        dailyTokenLimit: key.dailyTokenLimit,
        expiresAt,
        rotatedFromId: key.id,
        createdBy: actor,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const created = toApiKey(row!, now);
    const [old] = input.keep_old
      ? [key]
      : await tx.db
          .update(tables.apiKeys)
          .set({ revokedAt: now, revokedBy: actor, updatedAt: now })
          .where(eq(tables.apiKeys.id, key.id))
          .returning();
    if (!input.keep_old) await notifyApiKeyChanged(tx, key.id);
    // One event on the old key: what it was, and what it is now with the id of its successor.
    await recordAudit(tx, {
      action: "api_key.rotate",
      resourceType: "api_key",
      resourceId: key.id,
      tenantId: key.tenantId,
      projectId: key.projectId,
      before: toApiKey(key, now),
      after: { ...toApiKey(old!, now), keep_old: input.keep_old, new_key: created },
    });
    return { ...created, secret: issued.secret };
  });
}
