import type { Invitation } from "@infera/contracts";
import type { tables } from "@infera/db";
import { iso } from "../shared/pagination.js";

type Row = typeof tables.invitations.$inferSelect;

/** A pending invitation past its expiry is shown as expired; the stored status stays pending. */
export function invitationStatus(row: Row, now: Date): Invitation["status"] {
  return row.status === "pending" && row.expiresAt <= now ? "expired" : row.status;
}

export function toInvitation(row: Row, now: Date): Invitation {
  return {
    id: row.id,
    tenant_id: row.tenantId,
    email: row.email,
    role: row.role,
    projects: row.projects.map((p) => ({
      project_id: p.project_id,
      role: p.role as Invitation["projects"][number]["role"],
    })),
    status: invitationStatus(row, now),
    invited_by: row.invitedBy,
    expires_at: row.expiresAt.toISOString(),
    accepted_at: iso(row.acceptedAt),
    created_at: row.createdAt.toISOString(),
  };
}
