import type { Action, ProjectRole, TenantRole } from "@infera/contracts";

/** A policy of the project that can take a permission away (seed 000 §3.2 point 4). */
export type EnvPolicyName = "viewers_cannot_view_logs" | "prod_no_playground_logging";

export interface PermissionRule {
  /**
   * authenticated: any logged-in principal; user: any signed-in person (not a service account);
   * platform: the platform admin only; tenant: decided by the caller's tenant role; project: by
   * tenant role or project role.
   */
  scope: "authenticated" | "user" | "platform" | "tenant" | "project";
  tenantRoles?: readonly TenantRole[];
  projectRoles?: readonly ProjectRole[];
  /** A tenant setting that lets plain members do it too. */
  membersIfTenantAllows?: "members_can_create_projects";
  /** Conditions from the project's env policies that deny some project roles. */
  envPolicy?: { policy: EnvPolicyName; deniedRoles: readonly ProjectRole[]; reason: string };
  /** Finance may call it, but content (prompts, records, logs) is masked in the answer. */
  financeMasked?: boolean;
  description: string;
}

const ALL_TENANT: readonly TenantRole[] = ["tenant_admin", "member", "finance"];
const ALL_PROJECT: readonly ProjectRole[] = ["owner", "developer", "viewer"];
const ADMIN: readonly TenantRole[] = ["tenant_admin"];
const OWNER: readonly ProjectRole[] = ["owner"];

/**
 * The one declarative permission matrix: every route names its action, every action has a rule
 * here, the security tests are generated from it, and the console reads it through
 * `GET /auth/permissions`. The platform admin passes every rule; tenant admins act as owners of every
 * project of their tenant.
 */
export const permissionMatrix: Record<Action, PermissionRule> = {
  "auth.me": { scope: "authenticated", description: "Read who you are" },
  "auth.logout": { scope: "authenticated", description: "End your session" },
  "auth.permissions": { scope: "authenticated", description: "Read what you may do" },
  "tenant.list": { scope: "authenticated", description: "List the tenants you belong to" },
  "tenant.create": { scope: "platform", description: "Create a tenant" },
  "tenant.read": { scope: "tenant", tenantRoles: ALL_TENANT, description: "Read the tenant" },
  "tenant.update": { scope: "tenant", tenantRoles: ADMIN, description: "Change tenant settings" },
  "tenant.user.list": { scope: "tenant", tenantRoles: ALL_TENANT, description: "List tenant users" },
  "tenant.user.create": {
    scope: "tenant",
    tenantRoles: ADMIN,
    description: "Add a user (by invitation; a platform admin may add directly)",
  },
  "tenant.user.update": {
    scope: "tenant",
    tenantRoles: ADMIN,
    description: "Change a user's role or status",
  },
  "tenant.user.delete": { scope: "tenant", tenantRoles: ADMIN, description: "Remove a user from the tenant" },
  "tenant.invitation.list": { scope: "tenant", tenantRoles: ADMIN, description: "List invitations" },
  "tenant.invitation.create": { scope: "tenant", tenantRoles: ADMIN, description: "Invite users" },
  "tenant.invitation.revoke": { scope: "tenant", tenantRoles: ADMIN, description: "Revoke an invitation" },
  "tenant.audit.list": {
    scope: "tenant",
    tenantRoles: ["tenant_admin", "finance"],
    description: "Read the tenant audit log",
  },
  "tenant.audit.verify": {
    scope: "tenant",
    tenantRoles: ["tenant_admin", "finance"],
    description: "Verify the audit hash chain",
  },
  "tenant.audit.anchor": {
    scope: "tenant",
    tenantRoles: ADMIN,
    description: "Sign the audit chain's head into the anchor file now",
  },
  "platform.audit.list": { scope: "platform", description: "Read the platform audit log (sign-ins, users)" },
  "platform.audit.verify": { scope: "platform", description: "Verify the platform audit hash chain" },
  "platform.audit.anchor": {
    scope: "platform",
    description: "Sign the platform audit chain's head into the anchor file now",
  },
  "project.list": { scope: "tenant", tenantRoles: ALL_TENANT, description: "List projects you can see" },
  "project.create": {
    scope: "tenant",
    tenantRoles: ADMIN,
    membersIfTenantAllows: "members_can_create_projects",
    description: "Create a project",
  },
  "project.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read the project",
  },
  "project.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Edit the project",
  },
  "project.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete the project",
  },
  "project.member.list": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ALL_PROJECT,
    description: "List project members",
  },
  "project.member.add": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Add a member",
  },
  "project.member.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Change a member's role",
  },
  "project.member.remove": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Remove a member",
  },
  "project.service_account.list": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "List service accounts",
  },
  "project.service_account.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Create a service account",
  },
  "project.service_account.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Edit, disable or enable a service account",
  },
  "project.service_account.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete a service account",
  },
  "project.service_account.token.issue": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Issue or rotate a service account token",
  },
  "project.webhook.list": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "List the project's webhooks",
  },
  "project.webhook.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Create a webhook",
  },
  "project.webhook.read": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Read a webhook (never its secret)",
  },
  "project.webhook.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Change, enable or disable a webhook",
  },
  "project.webhook.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete a webhook",
  },
  "project.webhook.rotate_secret": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Rotate a webhook's signing secret",
  },
  "project.webhook.test": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Send a test event to a webhook",
  },
  "project.webhook.delivery.list": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "List a webhook's deliveries",
  },
  "project.webhook.delivery.redeliver": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Send a delivery again",
  },
  "project.policy.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read env policies",
  },
  "project.policy.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Change env policies",
  },
  "project.audit.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ["owner", "developer", "viewer"],
    description: "Read the project audit log",
  },
  "audit.event.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ["owner", "developer", "viewer"],
    description: "Read one audit event",
  },
  "blob.gc.preview": {
    scope: "platform",
    description: "See which stored blobs nothing references (dry run)",
  },
  "blob.gc.run": { scope: "platform", description: "Delete stored blobs nothing references" },
  "model.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List the models a project may use (system, tenant-shared, its own)",
  },
  "model.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Create a model in the project",
  },
  "model.system.create": { scope: "platform", description: "Register a system (platform) model" },
  "model.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read a model",
  },
  "model.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Edit a model's name, description, visibility, source or license",
  },
  "model.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete a model (refused while something references it)",
  },
  "model.resolve": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Resolve a tag or version id to a version id",
  },
  "model.version.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a model's versions",
  },
  "model.version.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read a model version",
  },
  "model.version.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Add a version to a model",
  },
  "model.version.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete a model version (refused while something references it)",
  },
  "model.file.download": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ALL_PROJECT,
    description: "Download a model version's files (Finance sees no content)",
  },
  "model.tag.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a model's tags",
  },
  "model.tag.history": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read every move of a tag",
  },
  "model.tag.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Point a tag at a version (prod may need a passing evaluation or an Owner's force)",
  },
  "model.tag.rollback": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Move a tag back to an earlier target",
  },
  "model.tag.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete a tag",
  },
  "upload.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Upload files (tus resumable uploads: create, send bytes, cancel)",
  },
  "upload.read": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Read an upload's progress and status",
  },
  "dataset.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a project's datasets",
  },
  "dataset.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Create a dataset in the project",
  },
  "dataset.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read a dataset",
  },
  "dataset.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Rename a dataset, change its description, tags or saved column mapping",
  },
  "dataset.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete a dataset with its versions (refused while something references them)",
  },
  "dataset.usage": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List what references a dataset or a dataset version",
  },
  "dataset.version.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a dataset's versions",
  },
  "dataset.version.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read a dataset version: files, rows, schema, token statistics, lineage",
  },
  "dataset.version.validate": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Validate uploaded files without creating a version (dry run with the error report)",
  },
  "dataset.version.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Add a version to a dataset from uploaded files",
  },
  "dataset.version.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete a dataset version (refused while something references it)",
  },
  "dataset.version.split": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Split a version into derived train and validation versions",
  },
  "dataset.version.preview": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    financeMasked: true,
    description: "Preview a version's first rows (Finance sees no content)",
  },
  "dataset.version.download": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ALL_PROJECT,
    description: "Download a version's files (as uploaded, or as normalized JSONL)",
  },
  "dataset.version.report": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ALL_PROJECT,
    description: "Download the full validation error report",
  },
  // Fine-tuning (seed 004 FR53–FR56). With the project policy fine_tuning_own_jobs_only on,
  // Developers, Viewers and service accounts see and act on only their own jobs (core's job access).
  "fine_tuning.job.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description:
      "List a project's fine-tuning jobs (only your own under the policy fine_tuning_own_jobs_only)",
  },
  "fine_tuning.job.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Submit a fine-tuning job (also by cloning or importing a configuration)",
  },
  "fine_tuning.job.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read a fine-tuning job: configuration, timeline, failure",
  },
  "fine_tuning.job.cancel": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Cancel a queued or running fine-tuning job",
  },
  "fine_tuning.job.retry": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Queue a failed or canceled fine-tuning job again",
  },
  "fine_tuning.job.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Delete a finished fine-tuning job (its model versions stay)",
  },
  // Templates are configuration, not jobs: every project role reads them (the own-jobs policy does
  // not apply), and whoever may submit jobs maintains them.
  "fine_tuning.template.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a project's fine-tuning job templates",
  },
  "fine_tuning.template.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read a fine-tuning job template",
  },
  "fine_tuning.template.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Save a fine-tuning job configuration as a template",
  },
  "fine_tuning.template.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Rename, describe or change a fine-tuning job template",
  },
  "fine_tuning.template.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Delete a fine-tuning job template (jobs made from it keep their configuration)",
  },
  // Inference services (seed 000 §4.3.7): everyone in the project reads; Owners and Developers
  // deploy, move traffic and start or stop; deleting a service is an Owner's.
  "service.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a project's inference services",
  },
  "service.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Create an inference service (with its first revision)",
  },
  "service.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read a service: revisions, traffic, state durations",
  },
  "service.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Change a service's description, exposure or IP allow-list",
  },
  "service.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete a service (its name typed)",
  },
  "service.revision.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a service's revisions",
  },
  "service.revision.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read a service revision: configuration, hash, timeline",
  },
  "service.revision.deploy": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Deploy a new revision (full, none or canary)",
  },
  "service.traffic.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Change a service's traffic split",
  },
  "service.rollback": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Roll a service back to an earlier revision (100% of traffic)",
  },
  "service.start": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Start a service (desired state active)",
  },
  "service.stop": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Stop a service (desired state inactive)",
  },
  "service.event.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a service's events",
  },
  // API keys (seed 000 §4.3.8: "创建 API Key（Owner/Developer）"): Owners and Developers manage them,
  // everyone in the project (and Finance, who follows usage by key) reads their metadata. No answer
  // but create's and rotate's ever carries a secret.
  "api_key.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a project's API keys (never their secrets)",
  },
  "api_key.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Create an API key (its secret shown once)",
  },
  "api_key.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read an API key's metadata: scopes, limits, expiry, last use",
  },
  "api_key.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Change an API key's name, scopes, limits, expiry or note",
  },
  "api_key.rotate": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Replace an API key with a new secret (the old one revoked now or kept)",
  },
  "api_key.revoke": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Revoke an API key (its name typed)",
  },
  // Usage holds counts, latencies and costs, never content: every project role and Finance read it.
  "usage.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read the project's usage and cost report (tokens, latency, status codes, estimated cost)",
  },
  // Evaluation (seed 000 §4.3.6). Finance reads reports with prompts and outputs masked.
  "evaluation.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List a project's evaluation runs",
  },
  "evaluation.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Start an evaluation run (automatic, side-by-side or gate), or run one again",
  },
  "evaluation.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    financeMasked: true,
    description: "Read an evaluation run: its report, samples, ratings, gate and exports",
  },
  "evaluation.cancel": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Cancel a queued or running evaluation run",
  },
  "evaluation.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Delete an evaluation run that is not evidence of a tag move",
  },
  "evaluation.rate": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Rate the two answers of a side-by-side prompt (scores, winner, note)",
  },
  "evaluation.export_preferences": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Export a side-by-side run's ratings as a preference dataset version",
  },
  "evaluation.gate_rule.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List the project's evaluation gate rules",
  },
  "evaluation.gate_rule.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Add a gate rule a model version must pass before it becomes prod",
  },
  "evaluation.gate_rule.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Remove a gate rule",
  },
  // Benchmarks are the project's standard evaluation sets: decided like its gate rules.
  "evaluation.benchmark.list": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "List the project's evaluation benchmarks",
  },
  "evaluation.benchmark.read": {
    scope: "project",
    tenantRoles: ["tenant_admin", "finance"],
    projectRoles: ALL_PROJECT,
    description: "Read an evaluation benchmark",
  },
  "evaluation.benchmark.create": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Register a dataset as an evaluation benchmark (fields, metrics, defaults)",
  },
  "evaluation.benchmark.update": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Change an evaluation benchmark (runs made from it keep their configuration)",
  },
  "evaluation.benchmark.delete": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: OWNER,
    description: "Delete an evaluation benchmark (runs made from it keep their data)",
  },
  "price.list": {
    scope: "tenant",
    tenantRoles: ALL_TENANT,
    description: "Read the tenant's price table (what cost estimates are made from)",
  },
  "price.set": {
    scope: "tenant",
    tenantRoles: ADMIN,
    description: "Set the price of a model version (per million tokens) or a resource class (per hour)",
  },
  "price.delete": {
    scope: "tenant",
    tenantRoles: ADMIN,
    description: "Remove a price from the tenant's price table",
  },
  // Replica logs may carry prompts and answers: Finance does not read them, and a Prod project's
  // policy can take them from Viewers too (seed 000 §4.3.2 E).
  "service.log.read": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ALL_PROJECT,
    envPolicy: {
      policy: "viewers_cannot_view_logs",
      deniedRoles: ["viewer"],
      reason:
        "viewers see no logs in this Prod project: its env policy viewers_cannot_view_logs forbids it; ask an Owner or Developer, or have an Owner change the policy",
    },
    description: "Read a service's replica logs (denied to Viewers of a Prod project by its env policy)",
  },
  // The playground calls the service for a signed-in person (seed 000 §4.3.7 Tab 5): it spends the
  // project's tokens and compute like an API key would, so it goes with the roles that may create
  // keys. Viewers only read; Finance sees no prompts or answers (§3.2). In Prod it stays allowed and
  // the env policy prod_no_playground_logging keeps its content out of every log instead.
  "service.playground": {
    scope: "project",
    tenantRoles: ADMIN,
    projectRoles: ["owner", "developer"],
    description: "Chat with a service in the console's playground (its calls are metered, never audited)",
  },
  "resource_class.list": {
    scope: "authenticated",
    description: "List the resource classes jobs may run on",
  },
  "resource_class.create": { scope: "platform", description: "Define a resource class" },
  "resource_class.update": {
    scope: "platform",
    description: "Change a resource class's size, price or availability",
  },
  "node.list": {
    scope: "platform",
    description: "List the nodes that run work, with their status, resources and free capacity",
  },
  "node.update": { scope: "platform", description: "Drain a node (no new jobs) or put it back in service" },
  // A person's own notifications: a service account has none (403), nobody reads another's.
  "notification.list": { scope: "user", description: "List your notifications and count the unread" },
  "notification.stream": { scope: "user", description: "Follow your new notifications live (SSE)" },
  "notification.mark_read": { scope: "user", description: "Mark your notifications read" },
};
