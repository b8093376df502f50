import type { AuditEvent } from "@infera/contracts";
import type { tables } from "@infera/db";

type Row = typeof tables.auditEvents.$inferSelect;

export function toAuditEvent(r: Row): AuditEvent {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    project_id: r.projectId,
    actor_type: r.actorType,
    actor_id: r.actorId,
    actor_label: r.actorLabel,
    action: r.action,
    resource_type: r.resourceType,
    resource_id: r.resourceId,
    ip: r.ip,
    user_agent: r.userAgent,
    before: r.before ?? null,
    after: r.after ?? null,
    request_id: r.requestId,
    created_at: r.createdAt.toISOString(),
    chain_seq: r.chainSeq,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}
