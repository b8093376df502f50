/** What the HTTP benchmarks share: a database on either engine that cleans up after itself, and setup requests. */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, type DatabaseHandle, dropPostgresDatabase, openDatabase } from "@infera/db";

/** One setup request. A fresh connection each time: the seeding blocks the event loop long enough for a kept-alive socket to go stale. */
export function setupRequest<T = any>(
  origin: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const payload = body ? JSON.stringify(body) : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}/api/v1${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload
            ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

export async function openBenchDatabase(
  engine: "pglite" | "postgres",
  postgresAdminUrl: string,
): Promise<DatabaseHandle & { url?: string }> {
  if (engine === "pglite") {
    // The default deployment: PGlite on disk under the data directory, not in memory.
    const dir = mkdtempSync(join(tmpdir(), "infera-bench-"));
    const h = await openDatabase({ dataDir: join(dir, "db") });
    return {
      ...h,
      async close() {
        await h.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `infera_bench_${Date.now().toString(36)}`;
  const url = await createPostgresDatabase(postgresAdminUrl, name);
  const h = await openDatabase({ url });
  return {
    ...h,
    url,
    async close() {
      await h.close();
      // pool.end() resolves before the sockets are gone; a forced drop racing them makes a closing
      // client emit an unhandled error, so let them go first.
      await new Promise((r) => setTimeout(r, 1000));
      await dropPostgresDatabase(postgresAdminUrl, name);
    },
  };
}
