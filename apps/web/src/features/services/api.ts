/** Query keys of the services pages; every write invalidates `all` (list, detail, revisions, events). */
export const serviceKeys = {
  all: ["services"] as const,
  list: (projectId: string) => ["services", "list", projectId] as const,
  detail: (serviceId: string) => ["services", "detail", serviceId] as const,
  revisions: (serviceId: string) => ["services", "revisions", serviceId] as const,
  events: (serviceId: string) => ["services", "events", serviceId] as const,
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
    model: (modelId: string) => `${base}/models/${encodeURIComponent(modelId)}`,
    modelVersion: (versionId: string) => `${base}/model-versions/${encodeURIComponent(versionId)}`,
    audit: `${base}/audit`,
  };
}
