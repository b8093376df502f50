import { type Database, sql } from "@infera/db";

/** Readiness: the database answers a trivial query. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
