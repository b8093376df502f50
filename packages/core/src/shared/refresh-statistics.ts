import { type Database, sql } from "@infera/db";

/**
 * Embedded PGlite has no autovacuum, so the planner never learns table sizes and picks bad plans as
 * data grows (a filtered audit page scanning every row). Running ANALYZE at start and now and then
 * keeps its statistics current; PostgreSQL servers do this themselves.
 */
export async function refreshPlannerStatistics(db: Database): Promise<void> {
  await db.execute(sql`ANALYZE`);
}
