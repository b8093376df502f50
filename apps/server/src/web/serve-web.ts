import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { AppEnv } from "../http/app-env.js";

/** Serves the built console; unknown paths outside the API get index.html so deep links work. */
export function serveWeb(app: Hono<AppEnv>, webDir: string) {
  const index = join(webDir, "index.html");
  if (!existsSync(index)) return;
  const html = readFileSync(index, "utf8");
  app.use("/assets/*", serveStatic({ root: webDir }));
  app.use("*", serveStatic({ root: webDir }));
  app.get("*", (c, next) => {
    if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/v1/")) return next();
    return c.html(html);
  });
}
