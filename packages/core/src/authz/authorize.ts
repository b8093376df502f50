import type { Action, Env, ProjectRole, TenantRole } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { type Decision, decide, type Subject } from "./decide.js";
import { effectivePolicies } from "./effective-policies.js";
import { permissionMatrix } from "./permission-matrix.js";

export interface Access {
  tenantId: string | null;
  projectId: string | null;
  env: Env | null;
  subject: Subject;
  decision: Decision;
}

export interface Target {
  tenantId?: string;
  projectId?: string;
}

/** Finds the caller's roles for a target, loading the project (and its tenant) when one is named. */
export async function loadSubject(
  ctx: ServiceContext,
  target: Target,
): Promise<{
  subject: Subject;
  tenantId: string | null;
  projectId: string | null;
  env: Env | null;
  policies: Record<string, boolean>;
  tenantSettings: { members_can_create_projects: boolean };
}> {
  const p = ctx.principal;
  let tenantId = target.tenantId ?? null;
  let env: Env | null = null;
  let policies: Record<string, boolean> = {};
  if (target.projectId) {
    const [project] = await ctx.db
      .select({ tenantId: tables.projects.tenantId, env: tables.projects.env })
      .from(tables.projects)
      .where(eq(tables.projects.id, target.projectId));
    if (!project || (tenantId && project.tenantId !== tenantId)) throw notFound("project");
    tenantId = project.tenantId;
    env = project.env;
    const [row] = await ctx.db
      .select()
      .from(tables.projectPolicies)
      .where(eq(tables.projectPolicies.projectId, target.projectId));
    if (row) policies = effectivePolicies(env, row).denials;
  }
  let tenantSettings = { members_can_create_projects: false };
  if (tenantId) {
    const [tenant] = await ctx.db
      .select({ membersCanCreateProjects: tables.tenants.membersCanCreateProjects })
      .from(tables.tenants)
      .where(eq(tables.tenants.id, tenantId));
    if (!tenant) throw notFound("tenant");
    tenantSettings = { members_can_create_projects: tenant.membersCanCreateProjects };
  }

  const subject: Subject = {
    kind: p.type,
    isPlatformAdmin: p.type === "user" && p.isPlatformAdmin,
    tenantRole: null,
    projectRole: null,
  };
  if (p.type === "user" && tenantId) {
    const [membership] = await ctx.db
      .select({ role: tables.tenantUsers.role, status: tables.tenantUsers.status })
      .from(tables.tenantUsers)
      .where(and(eq(tables.tenantUsers.tenantId, tenantId), eq(tables.tenantUsers.userId, p.userId)));
    if (membership?.status === "active") subject.tenantRole = membership.role as TenantRole;
    if (subject.tenantRole && target.projectId) {
      const [member] = await ctx.db
        .select({ role: tables.projectMembers.role })
        .from(tables.projectMembers)
        .where(
          and(
            eq(tables.projectMembers.projectId, target.projectId),
            eq(tables.projectMembers.userId, p.userId),
          ),
        );
      subject.projectRole = (member?.role as ProjectRole | undefined) ?? null;
    }
  }
  if (p.type === "service_account") {
    // A service account exists only inside its project: anything else is invisible to it.
    if (tenantId && tenantId !== p.tenantId) throw notFound(target.projectId ? "project" : "tenant");
    if (target.projectId && target.projectId !== p.projectId) throw notFound("project");
    if (target.projectId) subject.projectRole = p.role;
  }
  return { subject, tenantId, projectId: target.projectId ?? null, env, policies, tenantSettings };
}

/**
 * The first line of every verb: decides `action` for the caller on `target` from the permission
 * matrix. Invisible targets answer not_found (never revealing another tenant's ids), visible but
 * forbidden ones answer forbidden with the reason.
 */
export async function authorize(ctx: ServiceContext, action: Action, target: Target = {}): Promise<Access> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  const loaded = await loadSubject(ctx, target);
  const decision = decide(permissionMatrix[action], loaded.subject, {
    env: loaded.env ?? undefined,
    policies: loaded.policies,
    tenantSettings: loaded.tenantSettings,
  });
  if (!decision.visible) throw notFound(target.projectId ? "project" : "tenant");
  if (!decision.allowed)
    throw new DomainError(
      "forbidden",
      decision.reason ?? "not allowed",
      decision.policy ? { policy: decision.policy } : undefined,
    );
  return {
    tenantId: loaded.tenantId,
    projectId: loaded.projectId,
    env: loaded.env,
    subject: loaded.subject,
    decision,
  };
}
