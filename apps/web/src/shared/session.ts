import type { LoginResult, Me } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { setCsrfToken } from "../lib/csrf";

export const meQueryKey = ["auth", "me"] as const;

// The typed client (with zod and the contracts) loads on first use: the login page renders without it.
const client = () => import("../lib/client").then((m) => m.api);

export async function fetchMe(): Promise<Me> {
  const me = await (await client()).auth.me();
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
  const result = await (await client()).auth.login({ email, password });
  setCsrfToken(result.csrf_token);
  return result;
}

export async function logout(): Promise<void> {
  try {
    await (await client()).auth.logout();
  } finally {
    setCsrfToken(null);
  }
}
