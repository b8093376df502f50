import { z } from "zod";
import { refuseUnsafe, Timestamp } from "./common.js";

export const LoginInput = z
  .object({
    // Any address an account may hold, including the bootstrap default `admin@localhost`, which
    // z.email() rejects for its missing top-level domain.
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address")
      .superRefine(refuseUnsafe(false)),
    password: z.string().min(1, "is required").max(1024),
    /** Scripts ask for a bearer token; the console relies on the session cookie alone. */
    issue_token: z.boolean().optional(),
  })
  .strict();
export type LoginInput = z.infer<typeof LoginInput>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  is_platform_admin: z.boolean(),
  status: z.enum(["active", "disabled"]),
  last_login_at: Timestamp.nullable(),
  created_at: Timestamp,
});
export type User = z.infer<typeof User>;

export const Me = z.object({
  principal_type: z.enum(["user", "service_account"]),
  user: User.nullable(),
  service_account: z
    .object({
      id: z.string(),
      name: z.string(),
      project_id: z.string(),
      tenant_id: z.string(),
      role: z.string(),
    })
    .nullable(),
  tenants: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  csrf_token: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const LoginResult = z.object({
  user: User,
  csrf_token: z.string(),
  token: z.string().optional().describe("bearer token, only when issue_token was true; shown once"),
  expires_at: Timestamp,
});
export type LoginResult = z.infer<typeof LoginResult>;

export const PermissionDecision = z.object({
  allowed: z.boolean(),
  reason: z.string().optional(),
  masked: z.boolean().optional(),
});
export const Permissions = z.object({
  project_id: z.string().nullable(),
  tenant_id: z.string().nullable(),
  actions: z.record(z.string(), PermissionDecision),
});
export type Permissions = z.infer<typeof Permissions>;
