/** Query keys of the services pages (the detail page shares `all`, so a create refreshes it too). */
export const serviceKeys = {
  all: ["services"] as const,
  list: (projectId: string) => ["services", "list", projectId] as const,
  policies: (projectId: string) => ["services", "policies", projectId] as const,
  resourceClasses: ["services", "resource-classes"] as const,
};

/** Console paths of the services pages (absolute). */
export function servicePaths(tenantId: string, projectId: string) {
  const base = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`;
  return {
    list: `${base}/services`,
    create: `${base}/services/new`,
    service: (serviceId: string) => `${base}/services/${encodeURIComponent(serviceId)}`,
    modelVersion: (versionId: string) => `${base}/model-versions/${encodeURIComponent(versionId)}`,
  };
}
