import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import { compress } from "hono/compress";
import type { AppEnv } from "../http/app-env.js";

/** Serves the built console; unknown paths outside the API get index.html so deep links work. */
export function serveWeb(app: Hono<AppEnv>, webDir: string) {
  const index = join(webDir, "index.html");
  if (!existsSync(index)) return;
  // Re-read index.html when a rebuild replaces it: it names the new hashed assets.
  let cached = { mtimeMs: -1, html: "" };
  const indexHtml = () => {
    const { mtimeMs } = statSync(index);
    if (mtimeMs !== cached.mtimeMs) cached = { mtimeMs, html: readFileSync(index, "utf8") };
    return cached.html;
  };
  // Hashed assets never change: compress them and let browsers keep them.
  app.use("/assets/*", compress(), async (c, next) => {
    await next();
    if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
  });
  app.use("/assets/*", serveStatic({ root: webDir }));
  app.use("*", serveStatic({ root: webDir }));
  app.get("*", (c, next) => {
    if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/v1/")) return next();
    return c.html(indexHtml());
  });
}
