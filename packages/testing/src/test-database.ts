import { randomBytes } from "node:crypto";
import { createPostgresDatabase, type DatabaseHandle, dropPostgresDatabase, openDatabase } from "@infera/db";

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
  if (testEngine() === "pglite") return openDatabase({ dataDir: "memory://" });
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
