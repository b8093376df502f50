import { z } from "zod";

/** The closed list of error codes every transport maps (API.md "Errors"). */
export const errorCodes = [
  "validation_error",
  "unauthenticated",
  "forbidden",
  "insufficient_scope",
  "not_found",
  "conflict",
  "resource_in_use",
  "precondition_failed",
  "payload_too_large",
  "unsupported_media_type",
  "unprocessable_content",
  "rate_limit_exceeded",
  "quota_exceeded",
  "internal",
  "service_unavailable",
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** HTTP status for each code; the API's single mapping table. */
export const httpStatusByErrorCode: Record<ErrorCode, number> = {
  validation_error: 400,
  unauthenticated: 401,
  forbidden: 403,
  insufficient_scope: 403,
  not_found: 404,
  conflict: 409,
  resource_in_use: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_content: 422,
  rate_limit_exceeded: 429,
  quota_exceeded: 429,
  internal: 500,
  service_unavailable: 503,
};

export const Dependant = z.object({
  type: z.string(),
  id: z.string(),
  name: z.string(),
  project_id: z.string().nullable(),
  href: z.string(),
});
export type Dependant = z.infer<typeof Dependant>;

export const ErrorEnvelope = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
    request_id: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
