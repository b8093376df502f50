import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { type Listen, pgliteListen, postgresListener } from "./notifications.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** The one database type the domain sees, whichever engine is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Code that runs either inside a transaction or on the plain handle. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  engine: "pglite" | "postgres";
  /** LISTEN on a channel (see notifications.ts); the returned function stops listening. */
  listen: Listen;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "..", "migrations");

/**
 * Opens PostgreSQL when a `postgres://` url is given, otherwise the embedded PGlite in `dataDir`
 * (or in memory when `dataDir` is "memory://"), and applies pending migrations.
 */
export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  poolSize?: number;
  /** PGlite only: start from this dump of a data directory (see dumpPgliteTemplate). */
  loadDataDir?: Blob;
}): Promise<DatabaseHandle> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle client losing its connection (server restart, database dropped) must not crash the
    // process: the pool drops it and the next query opens a new one.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    await migratePg(drizzlePg(pool), { migrationsFolder });
    const listener = postgresListener(opts.url);
    return {
      db,
      engine: "postgres",
      listen: listener.listen,
      close: async () => {
        await listener.close();
        await pool.end();
      },
    };
  }
  const dir = opts.dataDir ?? "memory://";
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  await client.waitReady;
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, engine: "pglite", listen: pgliteListen(client), close: () => client.close() };
}

/** A migrated, empty PGlite data directory as a tarball: tests start from it instead of migrating. */
export async function dumpMigratedPgliteTemplate(): Promise<Blob> {
  const client = new PGlite("memory://");
  await client.waitReady;
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  const dump = await client.dumpDataDir("none");
  await client.close();
  return dump;
}

/** Creates a database on a PostgreSQL server (for tests and benchmarks that own theirs). */
export async function createPostgresDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, "")}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
