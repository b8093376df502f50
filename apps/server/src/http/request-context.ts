import { randomBytes } from "node:crypto";
import {
  type CoreRegistry,
  type CoreSettings,
  type Database,
  DomainError,
  resolvePrincipal,
  type ServicePorts,
} from "@infera/core";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Logger } from "pino";
import type { AppEnv } from "./app-env.js";

export const SESSION_COOKIE = "infera_session";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function newRequestId(): string {
  return `req_${randomBytes(12).toString("hex")}`;
}

/** Request id on every response and log line; a caller-supplied one is kept when it looks sane. */
export function requestIdMiddleware(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header("x-request-id");
    const requestId = given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : newRequestId();
    c.set("requestId", requestId);
    c.set("log", log.child({ request_id: requestId }));
    c.header("X-Request-Id", requestId);
    await next();
  };
}

export function clientIp(c: Parameters<MiddlewareHandler<AppEnv>>[0], trustProxy: boolean): string | null {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/**
 * Resolves who is calling (bearer token first, then the session cookie) and builds the
 * ServiceContext. Cookie-authenticated writes must carry the session's CSRF token.
 */
export function serviceContextMiddleware(deps: {
  db: Database;
  settings: CoreSettings;
  trustProxy: boolean;
  now?: () => Date;
  ports: ServicePorts;
  registry: CoreRegistry;
}): MiddlewareHandler<AppEnv> {
  const now = deps.now ?? (() => new Date());
  return async (c, next) => {
    const auth = c.req.header("authorization");
    let bearer: string | null = null;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m) throw new DomainError("unauthenticated", "Authorization header must be 'Bearer <token>'");
      bearer = m[1]!;
    }
    const cookie = bearer ? null : (getCookie(c, SESSION_COOKIE) ?? null);
    const resolved = await resolvePrincipal(deps.db, { bearer, cookie }, now());
    if (resolved.via === "cookie" && UNSAFE.has(c.req.method)) {
      const sent = c.req.header("x-csrf-token");
      if (!sent || sent !== resolved.csrfToken) {
        throw new DomainError(
          "forbidden",
          "missing or wrong X-CSRF-Token header (cookie sessions must send it on writes)",
        );
      }
    }
    const ua = c.req.header("user-agent");
    c.set("csrfToken", resolved.csrfToken);
    c.set("authVia", resolved.via);
    c.set("ctx", {
      db: deps.db,
      principal: resolved.principal,
      requestId: c.get("requestId"),
      ip: clientIp(c, deps.trustProxy),
      userAgent: ua ? ua.slice(0, 512) : null,
      now,
      settings: deps.settings,
      log: c.get("log"),
      registry: deps.registry,
      ...deps.ports,
      auditTrail: [],
    });
    await next();
    // A successful write names its audit record(s), so the console can link to them.
    const trail = c.get("ctx").auditTrail;
    if (trail?.length && c.res.status < 400) c.res.headers.set("X-Audit-Event-Id", trail.join(","));
  };
}
