/**
 * What the console reads from an API failure: `@infera/client`'s InferaApiError. Recognised by its
 * shape, not `instanceof`: the app's entry imports this, and the login page loads without the client.
 */
export interface ApiErrorLike extends Error {
  status: number;
  code: string;
  details: unknown;
  requestId: string | null;
  retryAfterSeconds?: number | null;
}

export function isApiError(error: unknown): error is ApiErrorLike {
  const e = error as Partial<ApiErrorLike> | null;
  return (
    error instanceof Error && typeof e?.status === "number" && typeof e.code === "string" && "requestId" in e
  );
}

export interface Dependant {
  type: string;
  id: string;
  name: string;
  project_id: string | null;
  href: string;
}

/** The dependants listed by a `409 resource_in_use`, or an empty list. */
export function dependantsOf(error: unknown): Dependant[] {
  if (!isApiError(error) || error.code !== "resource_in_use") return [];
  const details = error.details as { dependants?: unknown } | undefined;
  return Array.isArray(details?.dependants) ? (details.dependants as Dependant[]) : [];
}
