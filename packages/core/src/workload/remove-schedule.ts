import { type Executor, eq, tables } from "@infera/db";

const t = tables.workSchedules;

/** Stops a recurring job (a housekeeping run turned off); items it already enqueued still run. */
export async function removeSchedule(db: Executor, name: string): Promise<boolean> {
  const rows = await db.delete(t).where(eq(t.name, name)).returning({ name: t.name });
  return rows.length > 0;
}
