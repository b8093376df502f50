import { z } from "zod";
import { Env, freeText, nameField, ProjectRole, Timestamp } from "./common.js";

export const Project = z.object({
  id: z.string(),
  tenant_id: z.string(),
  name: z.string(),
  env: Env,
  description: z.string(),
  owner_id: z.string().nullable(),
  owner_email: z.string().nullable(),
  role: ProjectRole.nullable().describe("the caller's project role"),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Project = z.infer<typeof Project>;

export const CreateProjectInput = z
  .object({
    name: nameField(2, 64),
    env: Env,
    description: freeText(200).default(""),
    owner_id: z.string().optional().describe("defaults to the caller (a user)"),
    members: z
      .array(z.object({ user_id: z.string(), role: ProjectRole }))
      .max(100)
      .default([]),
  })
  .strict();
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export const UpdateProjectInput = z
  .object({
    name: nameField(2, 64).optional(),
    env: Env.optional(),
    description: freeText(200).optional(),
  })
  .strict();
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const DeleteProjectInput = z
  .object({
    confirm_name: z.string().describe("the project's name, typed by the user"),
    cascade: z.boolean().default(false),
  })
  .strict();
export type DeleteProjectInput = z.infer<typeof DeleteProjectInput>;

export const ProjectListQuery = z.object({ env: Env.optional(), owner_id: z.string().optional() });

export const ProjectMember = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: ProjectRole,
  note: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ProjectMember = z.infer<typeof ProjectMember>;

export const AddMemberInput = z
  .object({
    user_id: z.string().optional(),
    email: z.string().trim().toLowerCase().email().optional(),
    role: ProjectRole,
    note: freeText(200).default(""),
  })
  .strict()
  .refine((v) => Boolean(v.user_id) !== Boolean(v.email), "give exactly one of user_id or email");
export type AddMemberInput = z.infer<typeof AddMemberInput>;

export const UpdateMemberInput = z.object({ role: ProjectRole, note: freeText(200).optional() }).strict();
export type UpdateMemberInput = z.infer<typeof UpdateMemberInput>;

export const ServiceAccount = z.object({
  id: z.string(),
  project_id: z.string(),
  name: z.string(),
  role: ProjectRole,
  note: z.string(),
  status: z.enum(["active", "disabled"]),
  active_tokens: z.number().int(),
  last_used_at: Timestamp.nullable(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

export const CreateServiceAccountInput = z
  .object({
    name: nameField(2, 64),
    role: ProjectRole.default("developer"),
    note: freeText(200).default(""),
  })
  .strict();
export type CreateServiceAccountInput = z.infer<typeof CreateServiceAccountInput>;

export const UpdateServiceAccountInput = z
  .object({
    name: nameField(2, 64).optional(),
    role: ProjectRole.optional(),
    note: freeText(200).optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
  .strict();
export type UpdateServiceAccountInput = z.infer<typeof UpdateServiceAccountInput>;

export const IssueTokenInput = z
  .object({ revoke_existing: z.boolean().default(false).describe("revoke the account's other tokens") })
  .strict();
export type IssueTokenInput = z.infer<typeof IssueTokenInput>;

export const IssuedToken = z.object({
  id: z.string(),
  service_account_id: z.string(),
  token: z.string().describe("shown once"),
  prefix: z.string(),
  revoked_token_ids: z.array(z.string()),
  created_at: Timestamp,
});
export type IssuedToken = z.infer<typeof IssuedToken>;

export const ProjectPolicies = z.object({
  project_id: z.string(),
  env: Env,
  prod_disallow_scale_to_zero: z.boolean(),
  prod_force_alerts: z.boolean(),
  prod_no_playground_logging: z.boolean(),
  viewers_cannot_view_logs: z.boolean(),
  /**
   * Moving a model's `prod` tag needs a passing evaluation (or an Owner's forced move with a reason).
   * On by default; like the other prod_* policies in force only while the project's env is prod.
   */
  prod_requires_passing_evaluation: z.boolean(),
  /**
   * Seed 004 FR54: Developers, Viewers and service accounts see and act on only the fine-tuning jobs
   * they created; Owners and Tenant Admins still see all (FR55). Off by default, in every env.
   */
  fine_tuning_own_jobs_only: z.boolean(),
  /** Days a finished fine-tuning job's workspace (checkpoints) and log lines are kept (default 7). */
  fine_tuning_retention_days: z.number().int(),
  /** What is in force now: prod_* policies apply only while the project's env is prod. */
  effective: z.object({
    scale_to_zero_allowed: z.boolean(),
    alerts_forced: z.boolean(),
    playground_logging_allowed: z.boolean(),
    viewers_can_view_logs: z.boolean(),
  }),
  updated_at: Timestamp,
});
export type ProjectPolicies = z.infer<typeof ProjectPolicies>;

export const UpdateProjectPoliciesInput = z
  .object({
    prod_disallow_scale_to_zero: z.boolean(),
    prod_force_alerts: z.boolean(),
    prod_no_playground_logging: z.boolean(),
    viewers_cannot_view_logs: z.boolean(),
    /** Omitted: unchanged. */
    prod_requires_passing_evaluation: z.boolean().optional(),
    /** Omitted: unchanged. */
    fine_tuning_own_jobs_only: z.boolean().optional(),
    /** Omitted: unchanged. 1 to 3650 days. */
    fine_tuning_retention_days: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type UpdateProjectPoliciesInput = z.infer<typeof UpdateProjectPoliciesInput>;

export const ServiceAccountListQuery = z.object({ status: z.enum(["active", "disabled"]).optional() });
