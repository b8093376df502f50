import type { LoginResult, Me } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../lib/api";
import { setCsrfToken } from "../lib/csrf";

export const meQueryKey = ["auth", "me"] as const;

export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const res = await apiRequest<{ data: Me }>("/api/v1/auth/me", { signal });
  if (res.data.csrf_token) setCsrfToken(res.data.csrf_token);
  return res.data;
}

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    retry: false,
    staleTime: 60_000,
  });
}

export async function login(email: string, password: string): Promise<LoginResult> {
  const res = await apiRequest<{ data: LoginResult }>("/api/v1/auth/login", {
    method: "POST",
    body: { email, password },
  });
  setCsrfToken(res.data.csrf_token);
  return res.data;
}

export async function logout(): Promise<void> {
  try {
    await apiRequest("/api/v1/auth/logout", { method: "POST" });
  } finally {
    setCsrfToken(null);
  }
}
