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

/** The migrations folder as it was before dataset_shapes (found by its tag: numbers change at merges). */
function folderBefore(): string {
  const dir = mkdtempSync(join(tmpdir(), "infera-migrations-"));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8"));
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith("_dataset_shapes"));
  if (at < 0) throw new Error("no dataset_shapes migration in the journal");
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe("migration dataset_shapes", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function open() {
    const before = folderBefore();
    cleanups.push(async () => rmSync(before, { recursive: true, force: true }));
    if (testEngine() === "pglite") {
      const client = new PGlite("memory://");
      cleanups.push(() => client.close());
      const db = drizzlePglite(client);
      return { db, migrateTo: (folder: string) => migratePglite(db, { migrationsFolder: folder }), before };
    }
    const name = `infera_test_shapes_${randomBytes(4).toString("hex")}`;
    const url = await createPostgresDatabase(postgresAdminUrl, name);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    cleanups.push(async () => {
      await pool.end();
      await dropPostgresDatabase(postgresAdminUrl, name);
    });
    const db = drizzlePg(pool);
    return { db, migrateTo: (folder: string) => migratePg(db, { migrationsFolder: folder }), before };
  }

  it("gives older versions their format as shape, jsonl files and no mapping", async () => {
    const { db, migrateTo, before } = await open();
    await migrateTo(before);
    for (const statement of [
      `insert into tenants (id, name) values ('ten_a', 'A')`,
      `insert into projects (id, tenant_id, name, env) values ('proj_a', 'ten_a', 'a', 'dev')`,
      `insert into datasets (id, tenant_id, project_id, name, format) values
         ('ds_1', 'ten_a', 'proj_a', 'one', 'prompt_completion'), ('ds_2', 'ten_a', 'proj_a', 'empty', null)`,
      `insert into dataset_versions (id, dataset_id, number, format, digest, size, rows, schema, validation) values
         ('dsv_1', 'ds_1', 1, 'prompt_completion', 'd', 1, 1, '{}', '{}')`,
      `insert into dataset_version_files (version_id, position, name, sha256, size, lines) values
         ('dsv_1', 0, 'train.jsonl', '${"5".repeat(64)}', 1, 1)`,
    ])
      await db.execute(sql.raw(statement));
    await migrateTo(migrationsFolder);
    const rows = async (q: ReturnType<typeof sql>) => {
      const res = await db.execute(q);
      return (("rows" in res ? res.rows : res) as Record<string, unknown>[]).map((r) => ({ ...r }));
    };
    expect(await rows(sql`select id, shape, mapping from datasets order by id`)).toEqual([
      { id: "ds_1", shape: "prompt_completion", mapping: null },
      { id: "ds_2", shape: null, mapping: null },
    ]);
    expect(await rows(sql`select id, shape, mapping from dataset_versions`)).toEqual([
      { id: "dsv_1", shape: "prompt_completion", mapping: null },
    ]);
    expect(await rows(sql`select name, container from dataset_version_files`)).toEqual([
      { name: "train.jsonl", container: "jsonl" },
    ]);
    // Migrating a fresh embedded database from scratch takes a while on a busy machine.
  }, 180_000);
});
