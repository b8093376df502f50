import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase, migrationsFolder } from "./database.js";

const sha = (c: string) => c.repeat(64);

/** The migrations folder as it was before tenant_blobs (0000–0005). */
function foldersBefore(): string {
  const dir = mkdtempSync(join(tmpdir(), "infera-migrations-"));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 5);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe("migration 0007: tenant_blobs backfill", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function open() {
    const before = foldersBefore();
    cleanups.push(async () => rmSync(before, { recursive: true, force: true }));
    if (testEngine() === "pglite") {
      const client = new PGlite("memory://");
      cleanups.push(() => client.close());
      const db = drizzlePglite(client);
      return {
        db,
        migrateTo: (folder: string) => migratePglite(db, { migrationsFolder: folder }),
        before,
      };
    }
    const name = `infera_test_backfill_${randomBytes(4).toString("hex")}`;
    const url = await createPostgresDatabase(postgresAdminUrl, name);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    cleanups.push(async () => {
      await pool.end();
      await dropPostgresDatabase(postgresAdminUrl, name);
    });
    const db = drizzlePg(pool);
    return { db, migrateTo: (folder: string) => migratePg(db, { migrationsFolder: folder }), before };
  }

  it("gives each tenant the blobs of its completed uploads and its versions, and nothing else", async () => {
    const { db, migrateTo, before } = await open();
    await migrateTo(before);
    for (const statement of [
      `insert into tenants (id, name) values ('ten_a', 'A'), ('ten_b', 'B')`,
      `insert into projects (id, tenant_id, name, env) values ('proj_a', 'ten_a', 'a', 'dev'), ('proj_b', 'ten_b', 'b', 'dev')`,
      `insert into uploads (id, tenant_id, project_id, filename, length, state, sha256, expires_at, completed_at) values
         ('upl_1', 'ten_a', 'proj_a', 'x', 1, 'complete', '1111111111111111111111111111111111111111111111111111111111111111', now(), now() - interval '2 days'),
         ('upl_2', 'ten_a', 'proj_a', 'x', 1, 'failed', '2222222222222222222222222222222222222222222222222222222222222222', now(), null),
         ('upl_3', 'ten_a', 'proj_a', 'x', 1, 'uploading', null, now(), null)`,
      `insert into models (id, owner_type, tenant_id, project_id, owner_key, visibility, name) values
         ('mdl_a', 'tenant', 'ten_a', 'proj_a', 'ten_a', 'private', 'm'),
         ('mdl_sys', 'platform', null, null, 'platform', 'public', 'sys')`,
      `insert into model_versions (id, model_id, artifact_type, format, formats, digest, size, source, metadata) values
         ('mv_a', 'mdl_a', 'full', 'gguf', '[]', 'd', 1, 'upload', '{}'),
         ('mv_sys', 'mdl_sys', 'full', 'gguf', '[]', 'd', 1, 'system', '{}')`,
      `insert into model_version_files (version_id, path, sha256, size, kind) values
         ('mv_a', 'a.gguf', '1111111111111111111111111111111111111111111111111111111111111111', 1, 'gguf'),
         ('mv_a', 'b.json', '3333333333333333333333333333333333333333333333333333333333333333', 1, 'json'),
         ('mv_sys', 's.gguf', '4444444444444444444444444444444444444444444444444444444444444444', 1, 'gguf')`,
      `insert into datasets (id, tenant_id, project_id, name) values ('ds_b', 'ten_b', 'proj_b', 'd')`,
      `insert into dataset_versions (id, dataset_id, number, format, digest, size, rows, schema, validation) values
         ('dsv_b', 'ds_b', 1, 'chat', 'd', 1, 1, '{}', '{}')`,
      `insert into dataset_version_files (version_id, position, name, sha256, size, lines) values
         ('dsv_b', 0, 'train.jsonl', '5555555555555555555555555555555555555555555555555555555555555555', 1, 1)`,
    ])
      await db.execute(sql.raw(statement));
    await migrateTo(migrationsFolder);
    const res = await db.execute(
      sql`select tenant_id, sha256, source, first_seen_at < now() - interval '1 day' as old from tenant_blobs order by tenant_id, sha256`,
    );
    const rows = ("rows" in res ? res.rows : res) as Record<string, unknown>[];
    expect(rows.map((r) => ({ ...r }))).toEqual([
      // The upload came first (two days ago): it names the source and the first sighting.
      { tenant_id: "ten_a", sha256: sha("1"), source: "upload", old: true },
      { tenant_id: "ten_a", sha256: sha("3"), source: "model_version", old: false },
      { tenant_id: "ten_b", sha256: sha("5"), source: "dataset_version", old: false },
    ]);
    // Migrating a fresh embedded database from scratch takes a while on a busy machine.
  }, 180_000);
});
