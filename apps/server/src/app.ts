import { OpenAPIHono } from "@hono/zod-openapi";
import {
  type CoreRegistry,
  type CoreSettings,
  type Database,
  LoginThrottle,
  pingDatabase,
  readWorkloadGauges,
  type ServicePorts,
} from "@infera/core";

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "pino";
import type { AppEnv } from "./http/app-env.js";
import { handleError, sendError, zodDetails } from "./http/error-response.js";
import { createMetrics } from "./http/metrics.js";
import { requestIdMiddleware, serviceContextMiddleware } from "./http/request-context.js";
import { securityHeaders } from "./http/security-headers.js";
import { registerRoutes } from "./routes/index.js";
import { serveApiReference } from "./web/api-reference.js";
import { serveWeb } from "./web/serve-web.js";

export interface AppDeps {
  /** Every port (built by main.ts); each request's ServiceContext carries them. */
  ports: ServicePorts;
  /** The kinds registered by main.ts; each request's ServiceContext carries it. */
  registry: CoreRegistry;
  db: Database;
  settings: CoreSettings;
  log: Logger;
  maxBodyBytes: number;
  trustProxy: boolean;
  webDir?: string;
  throttle?: LoginThrottle;
  now?: () => Date;
  /** Flipped to false when shutting down so load balancers stop sending traffic. */
  isReady?: () => boolean;
  /** Aborted when shutting down: event streams close instead of holding the drain's grace period. */
  shuttingDown?: AbortSignal;
  /** The control-plane API and console (default true; false: a gateway-only process). */
  api?: boolean;
  /** The gateway's `/v1` routes, served on the same port (the gateway role). */
  gateway?: Hono;
}

export function createApp(deps: AppDeps) {
  const throttle = deps.throttle ?? new LoginThrottle();
  const shuttingDown = deps.shuttingDown ?? new AbortController().signal;
  const metrics = createMetrics({ workload: () => readWorkloadGauges(deps.db) });
  const app = new Hono<AppEnv>();
  // Once the stop began, every answer (the gateway's too) closes its connection: a keep-alive client
  // would otherwise send its next request on a connection the drain still holds open (and that the
  // drain's deadline then cuts mid-answer); it reconnects to another replica instead.
  app.use("*", async (c, next) => {
    await next();
    if (shuttingDown.aborted) c.header("Connection", "close");
  });
  // The data plane next, ahead of the control plane's middleware (request id and its pino child,
  // security headers, HTTP metrics): /v1 is answered by the gateway in OpenAI's error shapes, metered
  // by its own usage records, and those three cost a third of its per-call CPU (decision 0037).
  if (deps.gateway) app.route("/", deps.gateway);
  app.use("*", requestIdMiddleware(deps.log));
  app.use("*", securityHeaders({ https: deps.settings.publicUrl.startsWith("https://") }));
  app.use("*", metrics.middleware);
  app.onError(handleError);

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    if (deps.isReady && !deps.isReady())
      return sendError(c, "service_unavailable", "shutting down", undefined, 5);
    try {
      await pingDatabase(deps.db);
      return c.json({ status: "ready" });
    } catch (err) {
      c.get("log").warn({ err }, "readiness check failed");
      return sendError(c, "service_unavailable", "database is not reachable", undefined, 5);
    }
  });
  app.get("/metrics", async (c) => {
    c.header("Content-Type", metrics.registry.contentType);
    return c.body(await metrics.render());
  });

  const api = new OpenAPIHono<AppEnv>({
    // Schema failures answer our error envelope with every field's problem, not Zod's raw output.
    defaultHook: (result, c) => {
      if (!result.success)
        return sendError(c, "validation_error", "request is not valid", zodDetails(result.error));
    },
  });
  const jsonBodyLimit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: (c) =>
      sendError(c, "payload_too_large", `request body is larger than ${deps.maxBodyBytes} bytes`),
  });
  // Upload bytes (tus, application/offset+octet-stream) are streamed to disk, limited per upload instead.
  api.use("*", (c, next) =>
    c.req.path.startsWith("/api/v1/uploads") &&
    c.req.header("content-type")?.startsWith("application/offset+octet-stream")
      ? next()
      : jsonBodyLimit(c, next),
  );
  // A path with a control character names no resource (and PostgreSQL could not even compare it).
  api.use("*", async (c, next) => {
    if (hasControlCharacter(c.req.path) || /%(0[0-9a-f]|1[0-9a-f]|7f)/i.test(c.req.path))
      return sendError(c, "not_found", `no such resource: ${c.req.method} ${encodeURI(c.req.path)}`);
    await next();
  });
  api.use("*", async (c, next) => {
    c.set("throttle", throttle);
    c.set("shuttingDown", shuttingDown);
    await next();
  });
  api.use(
    "*",
    serviceContextMiddleware({
      db: deps.db,
      settings: deps.settings,
      trustProxy: deps.trustProxy,
      now: deps.now,
      ports: deps.ports,
      registry: deps.registry,
    }),
  );
  registerRoutes(api, {
    secureCookies: deps.settings.publicUrl.startsWith("https://"),
  });
  api.notFound((c) => sendError(c, "not_found", `no route ${c.req.method} ${c.req.path}`));
  api.onError(handleError);

  if (deps.api !== false) {
    // The document and its reader are public and need no session.
    app.get("/api/v1/openapi.json", (c) => c.json(openApiDocument(api)));
    serveApiReference(app);
    app.route("/api/v1", api);
    if (deps.webDir) serveWeb(app, deps.webDir);
  }
  app.notFound((c) => sendError(c, "not_found", `no route ${c.req.method} ${c.req.path}`));
  return { app, api, metrics };
}

let cachedDoc: unknown;
export function openApiDocument(api: OpenAPIHono<AppEnv>) {
  cachedDoc ??= api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Infera control plane API",
      version: "1.0.0",
      description:
        "Every resource, every rule, every write. Authenticate with the session cookie (console; writes need X-CSRF-Token) or `Authorization: Bearer <token>` (scripts, service accounts). Errors: `{error:{code,message,details,request_id}}`.",
    },
    servers: [{ url: "/api/v1" }],
  });
  return cachedDoc;
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
