import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createPostgresDatabase,
  type DatabaseHandle,
  dropPostgresDatabase,
  dumpMigratedPgliteTemplate,
  migrationsFolder,
  openDatabase,
} from "@infera/db";

export const postgresAdminUrl =
  process.env.INFERA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Which engine this test run uses: the Vitest project sets INFERA_TEST_DB (pglite | postgres). */
export function testEngine(): "pglite" | "postgres" {
  return process.env.INFERA_TEST_DB === "postgres" ? "postgres" : "pglite";
}

/**
 * A fresh database of the run's engine: in-memory PGlite, or a PostgreSQL database this test run
 * creates and drops itself (never one it did not create).
 */
export async function openTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  if (testEngine() === "pglite")
    return openDatabase({ dataDir: "memory://", loadDataDir: await pgliteTemplate() });
  const name = `infera_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const url = await createPostgresDatabase(postgresAdminUrl, name);
  const handle = await openDatabase({ url, poolSize: 20 });
  return {
    ...handle,
    url,
    engine: "postgres",
    async close() {
      await handle.close();
      await dropPostgresDatabase(postgresAdminUrl, name);
    },
  };
}

/**
 * Migrating a fresh PGlite takes seconds; test files instead load a dump of an already migrated one,
 * made once per set of migrations and shared between test processes through a temp file.
 */
async function pgliteTemplate(): Promise<Blob> {
  const hash = createHash("sha256");
  for (const f of readdirSync(migrationsFolder)
    .filter((n) => n.endsWith(".sql"))
    .sort()) {
    hash.update(f).update(readFileSync(join(migrationsFolder, f)));
  }
  const file = join(tmpdir(), `infera-pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const dump = await dumpMigratedPgliteTemplate();
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
    return dump;
  }
}
