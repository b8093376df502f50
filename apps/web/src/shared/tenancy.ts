import type { Project, Tenant } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { apiRequest, type ListPage } from "../lib/api";

export const tenantKeys = {
  projects: (tenantId: string) => ["tenants", tenantId, "projects"] as const,
  tenant: (tenantId: string) => ["tenants", tenantId] as const,
  project: (projectId: string) => ["projects", projectId] as const,
};

/** The projects of a tenant the caller can see (first 200, for switchers and search). */
export function useTenantProjects(tenantId: string | undefined, q?: string) {
  return useQuery({
    queryKey: [...tenantKeys.projects(tenantId ?? ""), "all", q ?? ""],
    queryFn: ({ signal }) =>
      apiRequest<ListPage<Project>>(`/api/v1/tenants/${encodeURIComponent(tenantId ?? "")}/projects`, {
        query: { limit: 200, q },
        signal,
      }),
    enabled: Boolean(tenantId),
    staleTime: 30_000,
  });
}

export function useTenant(tenantId: string | undefined) {
  return useQuery({
    queryKey: tenantKeys.tenant(tenantId ?? ""),
    queryFn: ({ signal }) =>
      apiRequest<{ data: Tenant }>(`/api/v1/tenants/${encodeURIComponent(tenantId ?? "")}`, { signal }).then(
        (r) => r.data,
      ),
    enabled: Boolean(tenantId),
    staleTime: 60_000,
  });
}

export function useProject(projectId: string | undefined) {
  return useQuery({
    queryKey: tenantKeys.project(projectId ?? ""),
    queryFn: ({ signal }) =>
      apiRequest<{ data: Project }>(`/api/v1/projects/${encodeURIComponent(projectId ?? "")}`, {
        signal,
      }).then((r) => r.data),
    enabled: Boolean(projectId),
    staleTime: 30_000,
  });
}
