import type { ApiKeyScope } from "@infera/contracts";
import { type Database, eq, sql, tables } from "@infera/db";
import type { ApiKeyDirectory } from "../ports/api-key-directory.js";

/** The `ApiKeyDirectory` on the platform's database: one indexed lookup, one batched update. */
export function databaseApiKeyDirectory(db: Database): ApiKeyDirectory {
  const k = tables.apiKeys;
  return {
    async findByDigest(digest) {
      const [row] = await db
        .select({
          id: k.id,
          tenantId: k.tenantId,
          projectId: k.projectId,
          name: k.name,
          scopes: k.scopes,
          rpmLimit: k.rpmLimit,
          dailyTokenLimit: k.dailyTokenLimit,
          expiresAt: k.expiresAt,
          revokedAt: k.revokedAt,
        })
        .from(k)
        .where(eq(k.secretDigest, digest));
      return row ? { ...row, scopes: row.scopes as ApiKeyScope[] } : null;
    },
    async recordLastUsed(uses) {
      if (uses.size === 0) return;
      const rows = [...uses].map(([id, at]) => ({ id, at: at.toISOString() }));
      await db.execute(sql`
        update api_keys k set last_used_at = greatest(coalesce(k.last_used_at, u.at), u.at)
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as u(id text, at timestamptz)
        where k.id = u.id`);
    },
  };
}
