import { createHash } from "node:crypto";
import { eq, sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { parseReplicaLogLine } from "./parse-replica-log-line.js";

/** The change feed channel a service's log streams follow; the payload is the service id. */
export const SERVICE_LOGS_CHANNEL = "service_replica_logs";

/** First key of the per-service lock that orders log seqs (the second is a hash of the service id). */
const SERVICE_LOGS_LOCK_CLASS = 4242300;

export interface ShippedLine {
  /** The line without its newline. */
  line: string;
  /** Where the line ends in the replica's log file (after its newline). */
  offsetEnd: number;
}

/**
 * Where the next shipment of a replica's log file starts: the end of its last stored line (0 when
 * nothing was shipped). Stored with the lines, so it survives the worker.
 */
export async function replicaLogOffset({
  ctx,
  replicaId,
}: {
  ctx: ServiceContext;
  replicaId: string;
}): Promise<number> {
  const l = tables.serviceReplicaLogs;
  const [row] = await ctx.db
    .select({ end: sql<string | number | null>`max(${l.offsetEnd})` })
    .from(l)
    .where(eq(l.replicaId, replicaId));
  return Number(row?.end ?? 0);
}

/**
 * Stores lines a replica wrote (the worker of its node read them from its log file) and wakes the
 * service's followers on commit. One transaction: the lines and the new offset commit together, so a
 * worker killed mid-shipment ships the same lines again from the old offset, never twice, never a
 * gap. Lines at or below the stored offset (a shipment that raced another) are skipped. Returns how
 * many were stored; 0 for a replica whose row is gone (its service was deleted).
 */
export async function appendReplicaLogLines({
  ctx,
  replicaId,
  lines,
}: {
  ctx: ServiceContext;
  replicaId: string;
  lines: readonly ShippedLine[];
}): Promise<number> {
  if (!lines.length) return 0;
  const p = tables.serviceReplicas;
  const r = tables.serviceRevisions;
  const [replica] = await ctx.db
    .select({
      serviceId: p.serviceId,
      tenantId: p.tenantId,
      revisionId: p.revisionId,
      revisionNumber: r.number,
    })
    .from(p)
    .innerJoin(r, eq(r.id, p.revisionId))
    .where(eq(p.id, replicaId));
  if (!replica) return 0;
  return withTransaction(ctx, async (tx) => {
    // Held to commit: seqs follow commit order, and two shipments of one replica never interleave.
    await tx.db.execute(
      sql`select pg_advisory_xact_lock(${SERVICE_LOGS_LOCK_CLASS}::int, ${lockKey(replica.serviceId)}::int)`,
    );
    const from = await replicaLogOffset({ ctx: tx, replicaId });
    const now = ctx.now();
    const rows = lines
      .filter((l) => l.offsetEnd > from)
      .map((l, ord) => {
        const parsed = parseReplicaLogLine(l.line, now);
        return {
          ord,
          at: parsed.at.toISOString(),
          level: parsed.level,
          message: parsed.message.slice(0, 8000),
          line: l.line.slice(0, 16000),
          offset_end: l.offsetEnd,
        };
      });
    if (!rows.length) return 0;
    await tx.db.execute(sql`
      insert into service_replica_logs
        (service_id, seq, tenant_id, replica_id, revision_id, revision_number, at, level, message, line, offset_end)
      select ${replica.serviceId},
        coalesce((select max(e.seq) from service_replica_logs e where e.service_id = ${replica.serviceId}), 0)
          + row_number() over (order by v.ord)::int,
        ${replica.tenantId}, ${replicaId}, ${replica.revisionId}, ${replica.revisionNumber}::int,
        v.at, v.level, v.message, v.line, v.offset_end
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(ord int, at timestamptz, level text, message text, line text, offset_end bigint)`);
    await tx.db.execute(sql`select pg_notify(${SERVICE_LOGS_CHANNEL}, ${replica.serviceId})`);
    return rows.length;
  });
}

function lockKey(serviceId: string): number {
  return createHash("sha256").update(serviceId).digest().readInt32BE(0);
}
