import { createClient, type FetchLike, type InferaClient } from "@infera/client";
import { getCsrfToken } from "./csrf";

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// The session's CSRF token lives in lib/csrf (login and /auth/me set it); every write carries it.
const withCsrf: FetchLike = (input, init) => {
  const method = (init.method ?? "GET").toUpperCase();
  const csrf = getCsrfToken();
  const headers = { ...(init.headers as Record<string, string> | undefined) };
  if (csrf && unsafe.has(method)) headers["x-csrf-token"] = csrf;
  return globalThis.fetch(input, { ...init, headers, credentials: "same-origin" });
};

/** The typed client over the contracts, on this page's origin with the session cookie. */
export const api = createClient({ baseUrl: "", fetch: withCsrf });

/** The ids a successful write's `X-Audit-Event-Id` header names (comma-separated), in order. */
export function auditEventIdsOf(headers: Headers): string[] {
  return (headers.get("x-audit-event-id") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
}

/**
 * Runs a write on a client of its own that keeps the audit event ids the server answers with, so
 * its toast links straight to the record. A client per write: concurrent writes never mix ids.
 */
export async function audited<T>(
  write: (client: InferaClient) => Promise<T>,
): Promise<{ result: T; auditEventIds: string[] }> {
  const auditEventIds: string[] = [];
  const client = createClient({
    baseUrl: "",
    fetch: async (input, init) => {
      const res = await withCsrf(input, init);
      if (res.ok) auditEventIds.push(...auditEventIdsOf(res.headers));
      return res;
    },
  });
  const result = await write(client);
  return { result, auditEventIds };
}
