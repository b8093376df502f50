import { useQuery } from "@tanstack/react-query";
import { api } from "../lib/client";

export const tenantKeys = {
  projects: (tenantId: string) => ["tenants", tenantId, "projects"] as const,
  tenant: (tenantId: string) => ["tenants", tenantId] as const,
  project: (projectId: string) => ["projects", projectId] as const,
};

/** The projects of a tenant the caller can see (first 200, for switchers and search). */
export function useTenantProjects(tenantId: string | undefined, q?: string) {
  return useQuery({
    queryKey: [...tenantKeys.projects(tenantId ?? ""), "all", q ?? ""],
    queryFn: () => api.projects.list(tenantId ?? "", { limit: 200, q }),
    enabled: Boolean(tenantId),
    staleTime: 30_000,
  });
}

export function useTenant(tenantId: string | undefined) {
  return useQuery({
    queryKey: tenantKeys.tenant(tenantId ?? ""),
    queryFn: () => api.tenants.get(tenantId ?? ""),
    enabled: Boolean(tenantId),
    staleTime: 60_000,
  });
}

export function useProject(projectId: string | undefined) {
  return useQuery({
    queryKey: tenantKeys.project(projectId ?? ""),
    queryFn: () => api.projects.get(projectId ?? ""),
    enabled: Boolean(projectId),
    staleTime: 30_000,
  });
}
