import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import { type Action, ErrorEnvelope } from "@infera/contracts";
import { z } from "zod";
import { refuseBody, requireJsonBody } from "./check-body.js";
import { requireSignIn } from "./require-sign-in.js";

/** Every route that exists, with the action the permission matrix decides it by. */
export interface RouteEntry {
  method: string;
  path: string;
  action: Action | "public";
  /** What the route reads as its body: JSON, another declared type (tus bytes), or nothing. */
  body: "json" | "other" | "none";
}
export const routeRegistry: RouteEntry[] = [];

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

const commonErrors = {
  400: errorResponse("validation_error: malformed JSON, wrong types or unknown fields"),
  401: errorResponse("unauthenticated"),
  403: errorResponse("forbidden, or a cookie-authenticated write without X-CSRF-Token"),
  404: errorResponse("not_found, also for resources of another tenant"),
  409: errorResponse("conflict or resource_in_use (details.dependants)"),
  413: errorResponse("payload_too_large"),
  415: errorResponse("unsupported_media_type: a body that is not application/json"),
  429: errorResponse("rate_limit_exceeded (Retry-After)"),
  500: errorResponse("internal (only the request id, never the cause)"),
};

/**
 * A route: its OpenAPI description, request schemas and the action it is authorized by. Paths are
 * relative to /api/v1, in OpenAPI `{param}` form.
 */
export function defineRoute<
  R extends Omit<RouteConfig, "responses"> & { responses: RouteConfig["responses"] },
>(action: Action | "public", route: R) {
  const method = route.method.toUpperCase();
  const types = Object.keys(route.request?.body?.content ?? {});
  const body = types.length === 0 ? "none" : types.includes("application/json") ? "json" : "other";
  routeRegistry.push({ method, path: route.path, action, body });
  return createRoute({
    ...route,
    // Before the schema validators, in this order: who is calling, then what kind of body came.
    middleware: [
      ...(action === "public" ? [] : [requireSignIn]),
      ...(body === "json" ? [requireJsonBody] : []),
      ...(body === "none" && method !== "GET" && method !== "HEAD" ? [refuseBody] : []),
    ],
    "x-infera-action": action,
    responses: { ...commonErrors, ...route.responses },
  } as R & { responses: R["responses"] & typeof commonErrors });
}

export function jsonBody<T extends z.ZodTypeAny>(schema: T, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** List routes answer JSON, or CSV of the whole current filter with `?format=csv` / `Accept: text/csv`. */
export function listResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return {
    description,
    content: { "application/json": { schema }, "text/csv": { schema: z.string() } },
  };
}

export const noContent = { 204: { description: "Done" } };

export const idParam = (description: string) => z.string().min(1).max(100).describe(description);
