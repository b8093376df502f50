import type { AuditEvent } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { toAuditEvent } from "./to-audit-event.js";

/** One event: readable by whoever may read the audit log of its project, or of its tenant. */
export async function getAuditEvent({
  ctx,
  eventId,
}: {
  ctx: ServiceContext;
  eventId: string;
}): Promise<AuditEvent> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  const [row] = await ctx.db.select().from(tables.auditEvents).where(eq(tables.auditEvents.id, eventId));
  if (!row) throw notFound("audit event");
  try {
    if (row.projectId && (await projectExists(ctx, row.projectId))) {
      await authorize(ctx, "audit.event.read", { projectId: row.projectId });
    } else if (row.tenantId) {
      await authorize(ctx, "tenant.audit.list", { tenantId: row.tenantId });
    } else if (!(ctx.principal.type === "user" && ctx.principal.isPlatformAdmin)) {
      throw notFound("audit event");
    }
  } catch (err) {
    // Events of places the caller cannot see do not exist for them.
    if (err instanceof DomainError && err.code === "not_found") throw notFound("audit event");
    throw err;
  }
  return toAuditEvent(row);
}

async function projectExists(ctx: ServiceContext, projectId: string) {
  const [p] = await ctx.db
    .select({ id: tables.projects.id })
    .from(tables.projects)
    .where(eq(tables.projects.id, projectId));
  return Boolean(p);
}
