import type { LoginResult, Me } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../lib/client";
import { setCsrfToken } from "../lib/csrf";

export const meQueryKey = ["auth", "me"] as const;

export async function fetchMe(): Promise<Me> {
  const me = await api.auth.me();
  if (me.csrf_token) setCsrfToken(me.csrf_token);
  return me;
}

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: () => fetchMe(),
    retry: false,
    staleTime: 60_000,
  });
}

export async function login(email: string, password: string): Promise<LoginResult> {
  const result = await api.auth.login({ email, password });
  setCsrfToken(result.csrf_token);
  return result;
}

export async function logout(): Promise<void> {
  try {
    await api.auth.logout();
  } finally {
    setCsrfToken(null);
  }
}
