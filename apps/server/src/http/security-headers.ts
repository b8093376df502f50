import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./app-env.js";

/**
 * The Content-Security-Policy of the console and of every API answer. Scripts come only from this
 * origin (the built console has no inline script). Styles allow 'unsafe-inline' because Ant Design
 * writes its CSS-in-JS into <style> elements at run time; inline styles cannot run code, so scripts
 * stay strict. Nothing may frame the console (clickjacking), and nothing is fetched from elsewhere.
 */
export const consoleCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Browser security headers on every response. Referrer-Policy no-referrer: invitation links carry
 * their token in the path, which must not leak to another site. HSTS only when the public URL is
 * https: sent over plain HTTP it would lock browsers out of a server that has no TLS.
 * `overwrite: false` lets a page with needs of its own (the API reference) set its own policy.
 */
export function securityHeaders(opts: { https: boolean }): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: consoleCsp,
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    xContentTypeOptions: "nosniff",
    strictTransportSecurity: opts.https ? "max-age=31536000; includeSubDomains" : false,
    overwrite: false,
  });
}
