import { DomainError } from "@infera/core";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.js";

/** `application/json` and structured-syntax `+json` types, with any parameters (`; charset=utf-8`). */
const JSON_TYPE = /^application\/([a-z0-9.-]+\+)?json\s*(;.*)?$/i;

export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && JSON_TYPE.test(value.trim());
}

/** A request carries a body when it says so: a length over zero, or chunked transfer. */
function hasBody(c: Parameters<MiddlewareHandler<AppEnv>>[0]): boolean {
  const length = c.req.header("content-length");
  if (length !== undefined) return Number(length) > 0;
  return c.req.header("transfer-encoding") !== undefined;
}

function unsupported(type: string | undefined): DomainError {
  return new DomainError(
    "unsupported_media_type",
    type
      ? `this route takes Content-Type: application/json, not ${type.split(";")[0]!.trim()}`
      : "a request body needs Content-Type: application/json",
    { accepted: ["application/json"] },
  );
}

/** Routes with a JSON body: any other content type (or a body without one) answers 415, not 500. */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header("content-type");
  if (type === undefined ? hasBody(c) : !isJsonContentType(type)) throw unsupported(type);
  await next();
};

/**
 * Write routes that take no body accept none, or the empty object `{}` that clients send by habit;
 * anything else is a mistake the caller should hear about rather than see silently ignored.
 */
export const refuseBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header("content-type");
  const text = hasBody(c) ? await c.req.text() : "";
  if (text.trim() === "") return next();
  if (!isJsonContentType(type)) throw unsupported(type);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError("validation_error", "Malformed JSON in request body");
  }
  const empty =
    parsed !== null &&
    typeof parsed === "object" &&
    !Array.isArray(parsed) &&
    Object.keys(parsed).length === 0;
  if (!empty) throw new DomainError("validation_error", "this route takes no request body: send none, or {}");
  await next();
};
