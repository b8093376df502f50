import { type ErrorCode, httpStatusByErrorCode } from "@infera/contracts";
import { DomainError } from "@infera/core";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import type { AppEnv } from "./app-env.js";

export function errorBody(code: ErrorCode, message: string, requestId: string, details?: unknown) {
  return { error: { code, message, ...(details !== undefined ? { details } : {}), request_id: requestId } };
}

export function sendError(
  c: Context<AppEnv>,
  code: ErrorCode,
  message: string,
  details?: unknown,
  retryAfter?: number,
) {
  if (retryAfter !== undefined) c.header("Retry-After", String(retryAfter));
  const status = httpStatusByErrorCode[code] as ContentfulStatusCode;
  return c.json(errorBody(code, message, c.get("requestId") ?? "unknown", details), status);
}

/** Zod issues as `{path, message}` pairs a form can put next to its fields. */
export function zodDetails(err: ZodError) {
  return { fields: err.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code })) };
}

/**
 * The single place an exception becomes a response: domain errors keep their code and message; the
 * message of anything unexpected goes to the log only, the client gets "internal" and the request id.
 */
export function handleError(err: unknown, c: Context<AppEnv>) {
  if (err instanceof DomainError)
    return sendError(c, err.code, err.message, err.details, err.retryAfterSeconds);
  if (err instanceof ZodError)
    return sendError(c, "validation_error", "request is not valid", zodDetails(err));
  if (isRefusedText(err))
    return sendError(c, "validation_error", "text must not contain NUL (\\u0000) characters");
  if (err instanceof HTTPException) {
    if (err.status === 413) return sendError(c, "payload_too_large", "request body is too large");
    if (err.status === 415)
      return sendError(c, "unsupported_media_type", "this route takes Content-Type: application/json");
    if (err.status === 400) return sendError(c, "validation_error", err.message || "malformed request");
    if (err.status === 404) return sendError(c, "not_found", "not found");
  }
  c.get("log")?.error({ err }, "unexpected error");
  return sendError(
    c,
    "internal",
    "Something went wrong on our side. Quote the request id when you report it.",
  );
}

/**
 * PostgreSQL cannot store NUL in text or jsonb (SQLSTATE 22021, 22P05): that is the caller's input,
 * not our failure.
 */
function isRefusedText(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "22021" || code === "22P05") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
