import { z } from "zod";
import { nameField, TenantRole, Timestamp } from "./common.js";
import { CreatedInvitation } from "./invitations.js";

export const Tenant = z.object({
  id: z.string(),
  name: z.string(),
  members_can_create_projects: z.boolean(),
  /** ISO 4217 code of the tenant's price table and cost estimates ("USD" unless set). */
  currency: z.string(),
  role: TenantRole.nullable().describe("the caller's role in this tenant"),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Tenant = z.infer<typeof Tenant>;

export const CreateTenantInput = z
  .object({
    name: nameField(2, 64),
    admin_email: z.string().trim().toLowerCase().email().max(254).optional(),
    members_can_create_projects: z.boolean().default(false),
  })
  .strict();
export type CreateTenantInput = z.infer<typeof CreateTenantInput>;

/** An ISO 4217 currency code: three capital letters. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD")
  .describe("ISO 4217 currency code");

export const UpdateTenantInput = z
  .object({
    name: nameField(2, 64).optional(),
    members_can_create_projects: z.boolean().optional(),
    currency: CurrencyCode.optional().describe(
      "Currency of the price table; estimates already recorded keep the currency they were made in",
    ),
  })
  .strict();
export type UpdateTenantInput = z.infer<typeof UpdateTenantInput>;

export const TenantUser = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: TenantRole,
  status: z.enum(["active", "disabled"]),
  last_login_at: Timestamp.nullable(),
  created_at: Timestamp,
});
export type TenantUser = z.infer<typeof TenantUser>;

export const CreateTenantUserInput = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    name: nameField(1, 100)
      .optional()
      .describe("the name of an account a platform admin creates; an invitee gives their own"),
    password: z
      .string()
      .min(12, "must be at least 12 characters")
      .max(1024)
      .optional()
      .describe(
        "platform admins only: create the account at once with this password (the email must have no account yet)",
      ),
    role: TenantRole.default("member"),
  })
  .strict();
export type CreateTenantUserInput = z.infer<typeof CreateTenantUserInput>;

/** 201: the account is in the tenant now (only a platform admin adds directly). */
export const TenantUserAdded = z.object({ outcome: z.literal("added"), data: TenantUser });
/**
 * 202: an invitation the person accepts to join. The answer is the same whether or not the email has
 * an account elsewhere, so adding a user does not tell a tenant admin who uses Infera.
 */
export const TenantUserInvited = z.object({
  outcome: z.literal("invited"),
  data: CreatedInvitation,
});
export const AddTenantUserResult = z.discriminatedUnion("outcome", [TenantUserAdded, TenantUserInvited]);
export type AddTenantUserResult = z.infer<typeof AddTenantUserResult>;

export const UpdateTenantUserInput = z
  .object({ role: TenantRole.optional(), status: z.enum(["active", "disabled"]).optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.status !== undefined, "nothing to update");
export type UpdateTenantUserInput = z.infer<typeof UpdateTenantUserInput>;

export const TenantUserListQuery = z.object({
  role: TenantRole.optional(),
  status: z.enum(["active", "disabled"]).optional(),
});
