import type { Env, ProjectRole, TenantRole } from "@infera/contracts";
import type { EnvPolicyName, PermissionRule } from "./permission-matrix.js";

/** Who asks, reduced to what the matrix looks at. */
export interface Subject {
  kind: "anonymous" | "user" | "service_account";
  isPlatformAdmin: boolean;
  tenantRole: TenantRole | null;
  projectRole: ProjectRole | null;
}

export interface DecisionContext {
  env?: Env;
  policies?: Partial<Record<EnvPolicyName, boolean>>;
  tenantSettings?: { members_can_create_projects?: boolean };
}

export interface Decision {
  allowed: boolean;
  /** false when the caller may not even know the resource exists (answer 404, not 403). */
  visible: boolean;
  reason?: string;
  /** The env policy that took the permission away: the 403's `details.policy`, which a client explains. */
  policy?: EnvPolicyName;
  masked?: boolean;
}

const roleNames: Record<string, string> = {
  tenant_admin: "Tenant Admin",
  member: "Member",
  finance: "Finance",
  owner: "Owner",
  developer: "Developer",
  viewer: "Viewer",
};
const names = (roles: readonly string[]) => roles.map((r) => roleNames[r] ?? r).join(" or ");

/** Pure: applies one rule of the matrix to one subject. */
export function decide(rule: PermissionRule, subject: Subject, context: DecisionContext = {}): Decision {
  if (subject.kind === "anonymous") return { allowed: false, visible: false, reason: "sign in first" };
  if (subject.isPlatformAdmin) return { allowed: true, visible: true };
  if (rule.scope === "authenticated") return { allowed: true, visible: true };
  if (rule.scope === "user")
    return subject.kind === "user"
      ? { allowed: true, visible: true }
      : { allowed: false, visible: true, reason: "only people have this; a service account has none" };
  if (rule.scope === "platform")
    return { allowed: false, visible: true, reason: "only a platform admin may do this" };

  const tenantVisible = subject.tenantRole !== null || subject.kind === "service_account";
  if (rule.scope === "tenant") {
    if (!tenantVisible) return { allowed: false, visible: false, reason: "not a member of this tenant" };
    const role = subject.tenantRole;
    if (role && rule.tenantRoles?.includes(role)) return { allowed: true, visible: true };
    if (
      role === "member" &&
      rule.membersIfTenantAllows &&
      context.tenantSettings?.[rule.membersIfTenantAllows]
    ) {
      return { allowed: true, visible: true };
    }
    const who = role ? `you are ${roleNames[role]}` : "service accounts act only inside their project";
    return {
      allowed: false,
      visible: true,
      reason: `requires tenant role ${names(rule.tenantRoles ?? [])} (${who})`,
    };
  }

  // Project scope: tenant admins and finance see every project of their tenant; others need a project role.
  const projectVisible =
    subject.projectRole !== null || subject.tenantRole === "tenant_admin" || subject.tenantRole === "finance";
  if (!projectVisible) return { allowed: false, visible: false, reason: "not a member of this project" };
  const byTenant = subject.tenantRole !== null && (rule.tenantRoles?.includes(subject.tenantRole) ?? false);
  const byProject =
    subject.projectRole !== null && (rule.projectRoles?.includes(subject.projectRole) ?? false);
  if (!byTenant && !byProject) {
    const you = subject.projectRole
      ? roleNames[subject.projectRole]
      : subject.tenantRole
        ? roleNames[subject.tenantRole]
        : "none";
    return {
      allowed: false,
      visible: true,
      reason: `requires project role ${names(rule.projectRoles ?? [])}${rule.tenantRoles?.length ? ` or tenant role ${names(rule.tenantRoles)}` : ""} (you are ${you})`,
    };
  }
  const policy = rule.envPolicy;
  if (!byTenant && policy && subject.projectRole && policy.deniedRoles.includes(subject.projectRole)) {
    if (context.policies?.[policy.policy])
      return { allowed: false, visible: true, reason: policy.reason, policy: policy.policy };
  }
  const masked = rule.financeMasked === true && subject.tenantRole === "finance" && !byProject;
  return masked ? { allowed: true, visible: true, masked } : { allowed: true, visible: true };
}
