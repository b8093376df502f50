import {
  type CreateInvitationsInput,
  type CreateInvitationsResult,
  InviteEmail,
  type ProjectRole,
} from "@infera/contracts";
import { and, eq, gt, inArray, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { insertInvitation, mailInvitations } from "./insert-invitation.js";

/** Splits a pasted list on commas, semicolons, spaces and new lines; lower-cases and deduplicates. */
export function splitEmails(emails: string | string[]): string[] {
  const parts = (Array.isArray(emails) ? emails : [emails]).flatMap((e) => e.split(/[\s,;]+/));
  return [...new Set(parts.map((e) => e.trim().toLowerCase()).filter(Boolean))];
}

/**
 * Invites a batch of emails into the tenant. Invalid addresses, existing users of the tenant and
 * addresses with a pending invitation are skipped with the reason. Each accept link is shown once.
 */
export async function createInvitations({
  ctx,
  tenantId,
  input,
}: {
  ctx: ServiceContext;
  tenantId: string;
  input: CreateInvitationsInput;
}): Promise<CreateInvitationsResult> {
  await authorize(ctx, "tenant.invitation.create", { tenantId });
  const emails = splitEmails(input.emails);
  if (emails.length === 0) throw invalid("give at least one email address");
  if (emails.length > 500) throw invalid("invite at most 500 emails at once");
  const projects = new Map<string, ProjectRole>(input.projects.map((p) => [p.project_id, p.role]));
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + input.expires_in_hours * 3_600_000);

  const result = await withTransaction(ctx, async (tx) => {
    // One batch at a time per tenant, so two batches cannot both invite the same address.
    const [tenant] = await tx.db
      .select({ id: tables.tenants.id, name: tables.tenants.name })
      .from(tables.tenants)
      .where(eq(tables.tenants.id, tenantId))
      .for("update");
    if (!tenant) throw notFound("tenant");
    if (projects.size) {
      const found = await tx.db
        .select({ id: tables.projects.id })
        .from(tables.projects)
        .where(
          and(eq(tables.projects.tenantId, tenantId), inArray(tables.projects.id, [...projects.keys()])),
        );
      const missing = [...projects.keys()].filter((id) => !found.some((f) => f.id === id));
      if (missing.length)
        throw invalid("every project must belong to this tenant", { missing_project_ids: missing });
    }
    const skipped: CreateInvitationsResult["skipped"] = [];
    const valid = emails.filter((email) => {
      if (InviteEmail.safeParse(email).success) return true;
      skipped.push({ email, reason: "not a valid email address" });
      return false;
    });
    const members = valid.length
      ? await tx.db
          .select({ email: sql<string>`lower(${tables.users.email})` })
          .from(tables.tenantUsers)
          .innerJoin(tables.users, eq(tables.users.id, tables.tenantUsers.userId))
          .where(
            and(eq(tables.tenantUsers.tenantId, tenantId), inArray(sql`lower(${tables.users.email})`, valid)),
          )
      : [];
    const pending = valid.length
      ? await tx.db
          .select({ email: tables.invitations.email })
          .from(tables.invitations)
          .where(
            and(
              eq(tables.invitations.tenantId, tenantId),
              eq(tables.invitations.status, "pending"),
              gt(tables.invitations.expiresAt, now),
              inArray(tables.invitations.email, valid),
            ),
          )
      : [];
    const data: CreateInvitationsResult["data"] = [];
    for (const email of valid) {
      if (members.some((m) => m.email === email)) {
        skipped.push({ email, reason: "already a user of this tenant" });
        continue;
      }
      if (pending.some((p) => p.email === email)) {
        skipped.push({ email, reason: "already has a pending invitation; revoke it to send a new one" });
        continue;
      }
      data.push(
        await insertInvitation(tx, {
          tenantId,
          email,
          role: input.role,
          projects: [...projects].map(([project_id, role]) => ({ project_id, role })),
          expiresAt,
        }),
      );
    }
    return { data, skipped, tenantName: tenant.name };
  });

  await mailInvitations(ctx, result.tenantName, result.data);
  return { data: result.data, skipped: result.skipped };
}
