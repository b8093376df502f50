import { ApiError } from "./api-error";
import { getCsrfToken } from "./csrf";

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export interface ListPage<T> {
  data: T[];
  next_cursor: string | null;
}

/** Builds `path?query` leaving out empty values, so URLs stay stable for caching and export links. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Calls the control-plane API with the session cookie. Writes carry the CSRF token; errors become
 * ApiError with the server's message and request id.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    const csrf = getCsrfToken();
    if (csrf) headers["X-CSRF-Token"] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error)?.name === "AbortError") throw cause;
    throw new ApiError({
      status: 0,
      code: "network_error",
      message: (cause as Error)?.message ?? "network error",
    });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    const envelope = (payload as { error?: Record<string, unknown> } | null)?.error;
    const retryAfter = Number(response.headers.get("Retry-After"));
    throw new ApiError({
      status: response.status,
      code: typeof envelope?.code === "string" ? envelope.code : `http_${response.status}`,
      message:
        typeof envelope?.message === "string" ? envelope.message : response.statusText || "request failed",
      details: envelope?.details,
      requestId:
        typeof envelope?.request_id === "string" ? envelope.request_id : response.headers.get("X-Request-Id"),
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    });
  }
  return payload as T;
}
