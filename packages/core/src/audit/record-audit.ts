import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import { auditHash, GENESIS_HASH } from "./audit-hash.js";

export interface AuditInput {
  action: string;
  resourceType: string;
  resourceId: string;
  tenantId: string | null;
  projectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Strips what must never be written to the audit log, and turns dates into strings. */
function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v) =>
      /(password|token_hash|tokenHash|secret)/i.test(key) ? "[redacted]" : v,
    ),
  );
}

export function actorOf(ctx: ServiceContext) {
  const p = ctx.principal;
  if (p.type === "user") return { actorType: "user" as const, actorId: p.userId, actorLabel: p.email };
  if (p.type === "service_account")
    return { actorType: "service_account" as const, actorId: p.serviceAccountId, actorLabel: p.name };
  return { actorType: "system" as const, actorId: null, actorLabel: "system" };
}

/**
 * Appends one event to its tenant's hash chain inside the caller's transaction. The chain head row
 * is locked so two writers of one tenant append one after the other.
 */
export async function recordAudit(tx: TxContext, input: AuditInput) {
  const chainKey = input.tenantId ?? "platform";
  await tx.db
    .insert(tables.auditChainHeads)
    .values({ chainKey, lastSeq: 0, lastHash: GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await tx.db
    .select()
    .from(tables.auditChainHeads)
    .where(eq(tables.auditChainHeads.chainKey, chainKey))
    .for("update");
  if (!head) throw new Error("audit chain head missing");
  const event = {
    id: newId("auditEvent"),
    chainKey,
    chainSeq: head.lastSeq + 1,
    tenantId: input.tenantId,
    projectId: input.projectId ?? null,
    ...actorOf(tx),
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId,
    ip: tx.ip,
    userAgent: tx.userAgent,
    before: snapshot(input.before),
    after: snapshot(input.after),
    requestId: tx.requestId,
    createdAt: new Date(Math.floor(tx.now().getTime())),
  };
  const hash = auditHash(head.lastHash, event);
  await tx.db.insert(tables.auditEvents).values({ ...event, prevHash: head.lastHash, hash });
  await tx.db
    .update(tables.auditChainHeads)
    .set({ lastSeq: event.chainSeq, lastHash: hash })
    .where(eq(tables.auditChainHeads.chainKey, chainKey));
  tx.auditTrail?.push(event.id);
  return { ...event, prevHash: head.lastHash, hash };
}
