import type { ApiKey } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/client";

/** Query keys of the API keys pages; every write invalidates `all` (list, detail, usage). */
export const apiKeyKeys = {
  all: ["api-keys"] as const,
  list: (projectId: string) => ["api-keys", "list", projectId] as const,
  detail: (keyId: string) => ["api-keys", "detail", keyId] as const,
  usage: (keyId: string, range: string, groupBy: string) =>
    ["api-keys", "usage", keyId, range, groupBy] as const,
  exampleModel: (projectId: string) => ["api-keys", "example-model", projectId] as const,
};

/** Console paths of the API keys pages (absolute). */
export function apiKeyPaths(tenantId: string, projectId: string) {
  const base = `/t/${encodeURIComponent(tenantId)}/p/${encodeURIComponent(projectId)}`;
  return {
    list: `${base}/api-keys`,
    key: (keyId: string) => `${base}/api-keys/${encodeURIComponent(keyId)}`,
  };
}

export function useApiKey(keyId: string) {
  return useQuery<ApiKey>({ queryKey: apiKeyKeys.detail(keyId), queryFn: () => api.apiKeys.get(keyId) });
}
