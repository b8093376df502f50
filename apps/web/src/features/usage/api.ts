import type { UsageGroupBy, UsageQuery } from "@infera/contracts";

export const usageKeys = {
  report: (projectId: string, query: Omit<UsageQuery, "format">) =>
    ["usage", projectId, "report", query] as const,
  /** The groups of one dimension over the view's range: the options of its filter. */
  facet: (projectId: string, groupBy: UsageGroupBy, query: Omit<UsageQuery, "format">) =>
    ["usage", projectId, "facet", groupBy, query] as const,
  prices: (tenantId: string) => ["prices", tenantId] as const,
};

const enc = encodeURIComponent;

/** Where a grouped row drills down to (seed 000 §4.3.9 "钻取"). */
export const usagePaths = (tenantId: string, projectId: string) => {
  const project = `/t/${enc(tenantId)}/p/${enc(projectId)}`;
  return {
    serviceMetrics: (serviceId: string) => `${project}/services/${enc(serviceId)}?tab=metrics`,
    apiKeyUsage: (keyId: string) => `${project}/api-keys/${enc(keyId)}?tab=usage`,
    apiKeys: `${project}/api-keys`,
    services: `${project}/services`,
  };
};
