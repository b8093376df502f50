import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Hono } from "hono";
import type { AppEnv } from "../http/app-env.js";

const require = createRequire(import.meta.url);
const scalarJs = require.resolve("@scalar/api-reference/browser/standalone.js");

// Scalar's own page starts the reader with an inline <script>; ours loads the same start-up from a
// file, so the page runs under the console's strict script-src 'self'.
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Infera API</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="/api/v1/reference/scalar.js"></script>
    <script src="/api/v1/reference/start.js"></script>
  </body>
</html>
`;

// Offline by design: the document from this server, no fonts from Scalar's CDN, and no AI agent
// (it fetches a registry of other APIs through Scalar's proxy).
const start = `Scalar.createApiReference("#app", ${JSON.stringify({
  url: "/api/v1/openapi.json",
  withDefaultFonts: false,
  agent: { disabled: true },
})});
`;

/** The interactive API reference at /api/v1/reference, served offline from the bundled Scalar. */
export function serveApiReference(app: Hono<AppEnv>) {
  app.get("/api/v1/reference/scalar.js", async (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(await readFile(scalarJs));
  });
  app.get("/api/v1/reference/start.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    return c.body(start);
  });
  app.get("/api/v1/reference", (c) => c.html(page));
}
