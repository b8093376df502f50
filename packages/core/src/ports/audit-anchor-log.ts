import type { AuditAnchor } from "@infera/contracts";

/**
 * Where signed anchors of the audit chains are kept, outside the database: an append-only file
 * (the server's adapter) or anything else that cannot be rewritten by whoever controls the database.
 */
export interface AuditAnchorLog {
  /** Where the anchors go, for logs. */
  readonly location: string;
  /** Appends one anchor durably (written and flushed before it resolves). */
  append(anchor: AuditAnchor): Promise<void>;
  /**
   * The last anchor recorded for a chain, as read (its signature is the caller's to check);
   * `reread` reads the whole log again instead of only what was appended since the last call.
   */
  latest(chain: string, opts?: { reread?: boolean }): Promise<AuditAnchor | undefined>;
  /** The last anchor of every chain that has one. */
  latestAll(): Promise<Map<string, AuditAnchor>>;
}
