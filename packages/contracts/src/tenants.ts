import { z } from "zod";
import { nameField, TenantRole, Timestamp } from "./common.js";

export const Tenant = z.object({
  id: z.string(),
  name: z.string(),
  members_can_create_projects: z.boolean(),
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

export const UpdateTenantInput = z
  .object({ name: nameField(2, 64).optional(), members_can_create_projects: z.boolean().optional() })
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
    name: nameField(1, 100).optional(),
    password: z
      .string()
      .min(12, "must be at least 12 characters")
      .max(1024)
      .optional()
      .describe("required when the email has no account yet; left out to add an existing user"),
    role: TenantRole.default("member"),
  })
  .strict();
export type CreateTenantUserInput = z.infer<typeof CreateTenantUserInput>;

export const UpdateTenantUserInput = z
  .object({ role: TenantRole.optional(), status: z.enum(["active", "disabled"]).optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.status !== undefined, "nothing to update");
export type UpdateTenantUserInput = z.infer<typeof UpdateTenantUserInput>;

export const TenantUserListQuery = z.object({
  role: TenantRole.optional(),
  status: z.enum(["active", "disabled"]).optional(),
});
