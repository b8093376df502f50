import { createClient, type FetchLike } from "@infera/client";
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
