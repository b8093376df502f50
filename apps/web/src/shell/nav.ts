import type { ParseKeys } from "i18next";

export interface NavItem {
  /** path segment under /t/:tenantId or /t/:tenantId/p/:projectId */
  path: string;
  label: ParseKeys;
  /** permission needed to open it; without one the entry is always shown */
  action?: string;
  /** "lock" keeps the entry visible with a lock and the reason; "hide" removes it */
  denied?: "hide" | "lock";
  /** the capability has not shipped: the entry says so before it is opened (the page says "coming") */
  soon?: boolean;
}

export const tenantNav: NavItem[] = [
  { path: "overview", label: "nav.overview" },
  { path: "projects", label: "nav.projects", action: "project.list" },
  { path: "users", label: "nav.users", action: "tenant.user.list", denied: "lock" },
  { path: "billing", label: "nav.billing", soon: true },
  { path: "prices", label: "nav.prices" },
  { path: "quotas-budgets", label: "nav.quotasBudgets", soon: true },
  { path: "alerts", label: "nav.alerts", soon: true },
  { path: "audit", label: "nav.audit", action: "tenant.audit.list", denied: "hide" },
];

export const projectNav: NavItem[] = [
  { path: "dashboard", label: "nav.dashboard" },
  { path: "models", label: "nav.models" },
  { path: "datasets", label: "nav.datasets" },
  { path: "fine-tuning", label: "nav.fineTuning" },
  { path: "evaluation", label: "nav.evaluation" },
  { path: "services", label: "nav.services" },
  { path: "api-keys", label: "nav.apiKeys" },
  { path: "usage", label: "nav.usage" },
  { path: "settings", label: "nav.settings", action: "project.read" },
  { path: "audit", label: "nav.audit", action: "project.audit.list", denied: "lock" },
];
