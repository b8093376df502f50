import type {
  AuditEvent,
  Project,
  ProjectMember,
  ServiceAccount,
  TenantUser,
  Upload,
} from "@infera/contracts";
import type { RecordedRequest } from "./fake-api";

const at = "2025-03-01T08:00:00.000Z";

export function project(over: Partial<Project> = {}): Project {
  return {
    id: "proj_1",
    tenant_id: "ten_1",
    name: "chat",
    env: "dev",
    description: "",
    owner_id: "usr_1",
    owner_email: "owner@x.io",
    role: "owner",
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

/** `GET /uploads/{id}` of a finished upload. */
export function upload(over: Partial<Upload> = {}): Upload {
  return {
    id: "upl_1",
    project_id: "proj_1",
    filename: "model.safetensors",
    content_type: null,
    length: 1,
    offset: 1,
    state: "complete",
    expected_sha256: null,
    sha256: null,
    failure: null,
    created_by: "usr_1",
    expires_at: at,
    completed_at: at,
    created_at: at,
    updated_at: at,
    ...over,
  };
}

export function tenantUser(over: Partial<TenantUser> = {}): TenantUser {
  return {
    user_id: "usr_1",
    email: "owner@x.io",
    name: "Olivia",
    role: "tenant_admin",
    status: "active",
    last_login_at: null,
    created_at: at,
    ...over,
  };
}

export function member(over: Partial<ProjectMember> = {}): ProjectMember {
  return {
    user_id: "usr_1",
    email: "owner@x.io",
    name: "Olivia",
    role: "owner",
    note: "",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

export function serviceAccount(over: Partial<ServiceAccount> = {}): ServiceAccount {
  return {
    id: "sa_1",
    project_id: "proj_1",
    name: "ci-bot",
    role: "developer",
    note: "",
    status: "active",
    active_tokens: 1,
    last_used_at: null,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

export function auditEvent(over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: "aud_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    actor_type: "user",
    actor_id: "usr_1",
    actor_label: "owner@x.io",
    action: "project.update",
    resource_type: "project",
    resource_id: "proj_1",
    ip: "127.0.0.1",
    user_agent: "Mozilla/5.0",
    before: { name: "chat", env: "dev" },
    after: { name: "chat-v2", env: "dev" },
    request_id: "req_a1",
    created_at: at,
    chain_seq: 7,
    prev_hash: "a".repeat(64),
    hash: "b".repeat(64),
    ...over,
  };
}

export const page = <T>(data: T[], next_cursor: string | null = null) => ({ body: { data, next_cursor } });

/** `GET /auth/permissions`: every listed action allowed, the denied ones refused with their reason. */
export function permissions(allowed: string[], denied: Record<string, string> = {}) {
  return (req: RecordedRequest) => {
    const actions: Record<string, { allowed: boolean; reason?: string }> = {};
    for (const a of allowed) actions[a] = { allowed: true };
    for (const [a, reason] of Object.entries(denied)) actions[a] = { allowed: false, reason };
    const scope = { project_id: req.query.get("project_id"), tenant_id: req.query.get("tenant_id") };
    return { body: { data: { ...scope, actions } } };
  };
}

export const allProjectActions = [
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
];

export const allTenantActions = [
  "tenant.read",
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
];
