import type { ApiKeyScope } from "@infera/contracts";

/** What the gateway needs to know of a key to decide a request: no secret, no digest. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  projectId: string;
  name: string;
  scopes: ApiKeyScope[];
  rpmLimit: number | null;
  dailyTokenLimit: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Where `ApiKeyVerifier` looks keys up when its cache cannot answer, and where it writes when keys
 * were last used. The database adapter is `databaseApiKeyDirectory`; a test may wrap it to count the
 * lookups the hot path makes.
 */
export interface ApiKeyDirectory {
  /** The key whose secret has this sha256 (hex), revoked and expired ones included; null when none. */
  findByDigest(digest: string): Promise<ApiKeyRecord | null>;
  /** Moves each key's last use forward to the given time (never back), in one write. */
  recordLastUsed(uses: ReadonlyMap<string, Date>): Promise<void>;
}
