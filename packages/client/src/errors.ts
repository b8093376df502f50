import { type ErrorCode, ErrorEnvelope, errorCodes } from "@infera/contracts";

/**
 * Every failure of a call: an error answered by the server (its envelope, parsed), a server that
 * could not be reached (`status` 0, code `service_unavailable`), or a response that does not match
 * the contract (code `internal`).
 */
export class InferaApiError extends Error {
  override readonly name = "InferaApiError";
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly requestId: string | null;
  /** From `Retry-After` on a 429 or 503: how long to wait before trying again; null when not given. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: ErrorCode;
    message: string;
    details?: unknown;
    requestId?: string | null;
    retryAfterSeconds?: number | null;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** The code a bare HTTP status stands for, when a proxy answered instead of Infera. */
function codeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: "validation_error",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable_content",
    429: "rate_limit_exceeded",
    502: "service_unavailable",
    503: "service_unavailable",
    504: "service_unavailable",
  };
  return byStatus[status] ?? "internal";
}

/** `Retry-After` in seconds (the HTTP-date form is not used by Infera), or null. */
function retryAfterOf(headers: Headers): number | null {
  const seconds = Number(headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** Builds the error of a non-2xx response from its body (the envelope when there is one). */
export function errorFromResponse(status: number, bodyText: string, headers: Headers): InferaApiError {
  const retryAfterSeconds = retryAfterOf(headers);
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {}
  const parsed = ErrorEnvelope.safeParse(json);
  if (parsed.success) {
    const e = parsed.data.error;
    return new InferaApiError({
      status,
      code: e.code,
      message: e.message,
      details: e.details,
      requestId: e.request_id,
      retryAfterSeconds,
    });
  }
  // An envelope with a code this client does not know yet still keeps its message.
  const loose = json as { error?: { code?: unknown; message?: unknown; request_id?: unknown } } | undefined;
  const code = loose?.error?.code;
  return new InferaApiError({
    status,
    code:
      typeof code === "string" && (errorCodes as readonly string[]).includes(code)
        ? (code as ErrorCode)
        : codeForStatus(status),
    message:
      typeof loose?.error?.message === "string"
        ? loose.error.message
        : `HTTP ${status}${bodyText ? `: ${bodyText.slice(0, 200)}` : ""}`,
    requestId:
      typeof loose?.error?.request_id === "string" ? loose.error.request_id : headers.get("x-request-id"),
    retryAfterSeconds,
  });
}
