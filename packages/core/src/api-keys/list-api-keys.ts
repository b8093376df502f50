import { API_KEY_EXPIRING_DAYS, type ApiKey, type ApiKeyListQuery, type ListQuery } from "@infera/contracts";
import { and, eq, gt, ilike, isNotNull, isNull, lte, or, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { type ApiKeyRow, toApiKey } from "./api-key-access.js";

const DAY_MS = 86_400_000;

/** The project's API keys, newest first; filters: status, scope, expiring within 7 days, text in name or note. */
export async function listApiKeys({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery & ApiKeyListQuery;
}): Promise<Page<ApiKey>> {
  await authorize(ctx, "api_key.list", { projectId });
  const k = tables.apiKeys;
  const now = ctx.now();
  const notExpired = or(isNull(k.expiresAt), gt(k.expiresAt, now));
  const where: (SQL | undefined)[] = [eq(k.projectId, projectId)];
  if (query.status === "revoked") where.push(isNotNull(k.revokedAt));
  if (query.status === "active") where.push(isNull(k.revokedAt), notExpired);
  if (query.status === "expired") where.push(isNull(k.revokedAt), lte(k.expiresAt, now));
  if (query.scope) where.push(sql`${query.scope} = any(${k.scopes})`);
  if (query.expiring === "true")
    where.push(
      isNull(k.revokedAt),
      gt(k.expiresAt, now),
      lte(k.expiresAt, new Date(now.getTime() + API_KEY_EXPIRING_DAYS * DAY_MS)),
    );
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(k.name, like), ilike(k.note, like), ilike(k.prefix, like)));
  }
  const ks = keyset(query, {
    key: k.createdAt,
    id: k.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (r: ApiKeyRow) => [r.createdAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(k)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, (r) => toApiKey(r, now));
}
