import { DomainError } from "@infera/core";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.js";

/**
 * Every route that is not public refuses anonymous callers before its input is read: who you are is
 * decided before what you sent, so a stranger learns nothing about a route's schema from its 400s.
 */
export const requireSignIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("ctx").principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  await next();
};
