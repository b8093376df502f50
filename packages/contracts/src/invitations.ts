import { z } from "zod";
import { freeText, lineField, nameField, ProjectRole, TenantRole, Timestamp } from "./common.js";

export const InvitationStatus = z.enum(["pending", "accepted", "revoked", "expired"]);

export const Invitation = z.object({
  id: z.string(),
  tenant_id: z.string(),
  email: z.string(),
  role: TenantRole,
  projects: z.array(z.object({ project_id: z.string(), role: ProjectRole })),
  status: InvitationStatus,
  invited_by: z.string().nullable(),
  expires_at: Timestamp,
  accepted_at: Timestamp.nullable(),
  created_at: Timestamp,
});
export type Invitation = z.infer<typeof Invitation>;

/** Emails may be a list or one string split on commas, semicolons, spaces and new lines. */
export const CreateInvitationsInput = z
  .object({
    emails: z.union([freeText(20_000), z.array(lineField(254)).max(500)]),
    role: TenantRole.default("member"),
    projects: z
      .array(z.object({ project_id: z.string(), role: ProjectRole }))
      .max(50)
      .default([]),
    expires_in_hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
  })
  .strict();
export type CreateInvitationsInput = z.infer<typeof CreateInvitationsInput>;

export const CreatedInvitation = Invitation.extend({
  token: z.string().describe("shown once"),
  accept_url: z.string().describe("shown once"),
});
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;
export const CreateInvitationsResult = z.object({
  data: z.array(CreatedInvitation),
  skipped: z.array(z.object({ email: z.string(), reason: z.string() })),
});
export type CreateInvitationsResult = z.infer<typeof CreateInvitationsResult>;

export const AcceptInvitationInput = z
  .object({
    name: nameField(1, 100).optional(),
    password: z.string().min(12, "must be at least 12 characters").max(1024).optional(),
  })
  .strict();
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

/** One address of an invitation batch, checked after splitting and lower-casing. */
export const InviteEmail = z.string().email().max(254);

export const InvitationListQuery = z.object({ status: InvitationStatus.optional() });

/** What the public invitation page may show before the invitee signs in: nothing more. */
export const InvitationPreview = z.object({
  tenant_name: z.string(),
  email: z.string(),
  role: TenantRole,
  expires_at: Timestamp,
  has_account: z
    .boolean()
    .describe("the email already has an Infera account: sign in instead of creating one"),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const AcceptedInvitation = z.object({
  tenant_id: z.string(),
  tenant_name: z.string(),
  user_id: z.string(),
  email: z.string(),
  role: TenantRole.describe("the tenant role the user now holds"),
  projects: z.array(z.object({ project_id: z.string(), role: ProjectRole })),
  account_created: z.boolean(),
});
export type AcceptedInvitation = z.infer<typeof AcceptedInvitation>;
