/** The resource types audit events carry today, and those the later modules will add. */
export const tenantResourceTypes = [
  "tenant",
  "tenant_user",
  "invitation",
  "user",
  "session",
  "project",
  "project_member",
  "project_policies",
  "service_account",
  "service_account_token",
] as const;

/**
 * §4.3.10 quick filters of the project audit page. Each narrows by one resource type or by an action
 * prefix (the server matches `noun.` prefixes), so a family like "members" covers all its verbs.
 */
export const projectQuickFilters = [
  { key: "all", query: {} },
  { key: "project", query: { resource_type: "project" } },
  { key: "members", query: { action: "project.member." } },
  { key: "serviceAccounts", query: { action: "project.service_account." } },
  { key: "policies", query: { resource_type: "project_policies" } },
  { key: "models", query: { action: "model." } },
  { key: "datasets", query: { action: "dataset." } },
  { key: "fineTuning", query: { action: "fine_tuning." } },
  { key: "evaluation", query: { action: "evaluation." } },
  { key: "services", query: { action: "service." } },
  { key: "apiKeys", query: { action: "api_key." } },
  { key: "quotas", query: { action: "project.quota." } },
] as const satisfies readonly { key: string; query: { resource_type?: string; action?: string } }[];

export type ProjectQuickFilter = (typeof projectQuickFilters)[number]["key"];
