/** An `/api/v1` error envelope `{error:{code,message,details,request_id}}`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: unknown;
    requestId?: string | null;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
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
