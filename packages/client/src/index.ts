export { createClient, type InferaClient } from "./client.js";
export { InferaApiError } from "./errors.js";
export type { ClientOptions, FetchLike } from "./http.js";
export type { ExportQuery, IterateQuery, ListParams, Page, PageQuery } from "./pagination.js";
export type { AuditFilter, AuditScope } from "./resources/audit.js";
export type { InvitationFilter } from "./resources/invitations.js";
export type { MemberFilter } from "./resources/members.js";
export type { ProjectFilter } from "./resources/projects.js";
export type { TenantUserFilter } from "./resources/tenant-users.js";
