import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  id: string;
  chainKey: string;
  chainSeq: number;
  tenantId: string | null;
  projectId: string | null;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  resourceType: string;
  resourceId: string;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  createdAt: Date;
}

/** JSON with object keys sorted at every depth, so jsonb's reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** hash = sha256(previous hash + canonical event): editing any field of any event breaks the chain there. */
export function auditHash(prevHash: string, e: HashedFields): string {
  // Pick the fields by name: a row read back also carries prevHash and hash, which are not hashed.
  const body = canonicalJson({
    id: e.id,
    chainKey: e.chainKey,
    chainSeq: e.chainSeq,
    tenantId: e.tenantId,
    projectId: e.projectId,
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    ip: e.ip,
    userAgent: e.userAgent,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    createdAt: e.createdAt.toISOString(),
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
