import { useQuery } from "@tanstack/react-query";
import { api } from "../lib/client";

export interface PermissionDecision {
  allowed: boolean;
  reason?: string;
  masked?: boolean;
}

export interface Permissions {
  isLoading: boolean;
  isError: boolean;
  /** Unknown actions and still-loading answers are not allowed: the console never over-promises. */
  can: (action: string) => PermissionDecision;
}

export function permissionsQueryKey(projectId?: string | null, tenantId?: string | null) {
  return ["permissions", projectId ?? null, tenantId ?? null] as const;
}

/** What the caller may do in a project (or tenant), from `GET /api/v1/auth/permissions`. */
export function usePermissions(projectId?: string | null, tenantId?: string | null): Permissions {
  const query = useQuery({
    queryKey: permissionsQueryKey(projectId, tenantId),
    queryFn: () =>
      api.auth.permissions({
        project_id: projectId ?? undefined,
        tenant_id: projectId ? undefined : (tenantId ?? undefined),
      }),
    staleTime: 30_000,
  });
  const actions = query.data?.actions;
  return {
    isLoading: query.isPending,
    isError: query.isError,
    can: (action) => actions?.[action] ?? { allowed: false },
  };
}
