/**
 * Every action the permission matrix decides, as `noun.verb` strings shared by RBAC, audit and the
 * console's gating. Adding a route means adding its action here and a rule in core's matrix.
 */
export const actions = [
  "auth.me",
  "tenant.list",
  "tenant.create",
  "tenant.read",
  "tenant.update",
  "tenant.user.list",
  "tenant.user.create",
  "tenant.user.update",
  "tenant.user.delete",
  "tenant.invitation.list",
  "tenant.invitation.create",
  "tenant.invitation.revoke",
  "tenant.audit.list",
  "tenant.audit.verify",
  "project.list",
  "project.create",
  "project.read",
  "project.update",
  "project.delete",
  "project.member.list",
  "project.member.add",
  "project.member.update",
  "project.member.remove",
  "project.service_account.list",
  "project.service_account.create",
  "project.service_account.update",
  "project.service_account.delete",
  "project.service_account.token.issue",
  "project.policy.read",
  "project.policy.update",
  "project.audit.list",
  "audit.event.read",
] as const;
export type Action = (typeof actions)[number];
