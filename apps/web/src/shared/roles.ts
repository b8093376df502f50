export const projectRoles = ["owner", "developer", "viewer"] as const;
export const tenantRoles = ["tenant_admin", "member", "finance"] as const;
