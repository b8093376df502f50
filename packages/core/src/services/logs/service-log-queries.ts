import type { ServiceLogLevel, ServiceLogLine, ServiceLogsQuery } from "@infera/contracts";
import { and, asc, desc, type Executor, eq, gt, gte, ilike, inArray, lt, type SQL, tables } from "@infera/db";

type LogRow = typeof tables.serviceReplicaLogs.$inferSelect;

const LEVELS: readonly ServiceLogLevel[] = ["debug", "info", "warn", "error"];

/** The filters of a log read: revision, replica, level and above, time range, text. */
export type ServiceLogFilters = Pick<
  ServiceLogsQuery,
  "revision" | "replica" | "level" | "since" | "until" | "q"
>;

export function toServiceLogLine(row: LogRow): ServiceLogLine {
  return {
    seq: row.seq,
    replica_id: row.replicaId,
    revision_id: row.revisionId,
    revision_number: row.revisionNumber,
    at: row.at.toISOString(),
    level: row.level as ServiceLogLevel,
    message: row.message,
    line: row.line,
  };
}

/** `%`, `_` and `\` of the user's text match themselves. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterWhere(serviceId: string, f: ServiceLogFilters): SQL | undefined {
  const l = tables.serviceReplicaLogs;
  return and(
    eq(l.serviceId, serviceId),
    f.revision !== undefined ? eq(l.revisionNumber, f.revision) : undefined,
    f.replica ? eq(l.replicaId, f.replica) : undefined,
    f.level && f.level !== "debug" ? inArray(l.level, LEVELS.slice(LEVELS.indexOf(f.level))) : undefined,
    f.since ? gte(l.at, new Date(f.since)) : undefined,
    f.until ? lt(l.at, new Date(f.until)) : undefined,
    f.q ? ilike(l.line, likeText(f.q)) : undefined,
  );
}

/**
 * The service's lines matching `filters`, oldest first: after `after` (ascending from there), or
 * the newest ones before `before` (then given oldest first too).
 */
export async function loadServiceLogs(
  db: Executor,
  serviceId: string,
  filters: ServiceLogFilters,
  page: { after?: number; before?: number; limit: number },
): Promise<ServiceLogLine[]> {
  const l = tables.serviceReplicaLogs;
  const where = filterWhere(serviceId, filters);
  if (page.before !== undefined) {
    const rows = await db
      .select()
      .from(l)
      .where(and(where, lt(l.seq, page.before)))
      .orderBy(desc(l.seq))
      .limit(page.limit);
    return rows.reverse().map(toServiceLogLine);
  }
  const rows = await db
    .select()
    .from(l)
    .where(and(where, gt(l.seq, page.after ?? 0)))
    .orderBy(asc(l.seq))
    .limit(page.limit);
  return rows.map(toServiceLogLine);
}
