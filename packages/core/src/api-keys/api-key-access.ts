import type { Action, ApiKey, ApiKeyScope, ApiKeyStatus } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { type Access, authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { iso } from "../shared/pagination.js";

export type ApiKeyRow = typeof tables.apiKeys.$inferSelect;

const API_KEY_ID = /^key_[0-9a-z]{26}$/;

/** Revoked wins over expired: a revoked key stays revoked whatever its expiry says. */
export function apiKeyStatus(r: Pick<ApiKeyRow, "revokedAt" | "expiresAt">, now: Date): ApiKeyStatus {
  if (r.revokedAt) return "revoked";
  if (r.expiresAt && r.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The key as the API shows it: never its secret or digest, only the prefix. */
export function toApiKey(r: ApiKeyRow, now: Date): ApiKey {
  return {
    id: r.id,
    project_id: r.projectId,
    name: r.name,
    note: r.note,
    scopes: r.scopes as ApiKeyScope[],
    prefix: r.prefix,
    rpm_limit: r.rpmLimit,
    daily_token_limit: r.dailyTokenLimit,
    expires_at: iso(r.expiresAt),
    status: apiKeyStatus(r, now),
    revoked_at: iso(r.revokedAt),
    rotated_from_id: r.rotatedFromId,
    last_used_at: iso(r.lastUsedAt),
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/**
 * The key, after deciding `action` on its project; another tenant's (or an unknown, or a malformed)
 * id answers not_found alike. `forUpdate` locks the row so a rotate and a revoke never interleave.
 */
export async function authorizeApiKey(
  ctx: ServiceContext,
  action: Action,
  keyId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ key: ApiKeyRow; access: Access }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  if (!API_KEY_ID.test(keyId)) throw notFound("API key");
  const q = ctx.db.select().from(tables.apiKeys).where(eq(tables.apiKeys.id, keyId));
  const [key] = opts.forUpdate ? await q.for("update") : await q;
  if (!key) throw notFound("API key");
  try {
    return { key, access: await authorize(ctx, action, { projectId: key.projectId }) };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("API key");
    throw err;
  }
}
