import type { ServiceRevisionConfig } from "@infera/contracts";
import { and, eq, inArray, ne, or, sql, tables } from "@infera/db";
import type { UpstreamHealth, UpstreamProbeInput } from "../../ports/serving-runtime.js";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { lockRevision, moveRevisionIn } from "./move-revision-for-replicas.js";
import { noteRevisionWait } from "./note-revision-wait.js";

export interface UpstreamCheckResult {
  revisionId: string;
  ok: boolean;
  error?: string;
  /** The state the revision is in after the check. */
  state: string;
}

/**
 * The replica manager's part for `openai-compatible` revisions, which run no process (decision
 * 0025): a revision of an active service with traffic is checked with `probe` (`GET
 * {base_url}/v1/models` with its upstream key, opened from the secrets port). pending → starting
 * when checking begins; ready when it answers; after `maxFailures` failed checks in a row, failed
 * with the upstream's error; back to ready (through pending and starting) at the first check that
 * answers again. A revision nothing wants any more goes inactive; a pending one without traffic
 * says so. Checks run concurrently, outside any transaction; each outcome is written in its own.
 */
export async function checkUpstreamRevisions({
  ctx,
  probe,
  maxFailures,
  timeoutMs,
}: {
  ctx: ServiceContext;
  probe: (input: UpstreamProbeInput) => Promise<UpstreamHealth>;
  maxFailures: number;
  timeoutMs: number;
}): Promise<UpstreamCheckResult[]> {
  const r = tables.serviceRevisions;
  const s = tables.services;
  const rows = await ctx.db
    .select({ revision: r, desiredState: s.desiredState })
    .from(r)
    .innerJoin(s, eq(s.id, r.serviceId))
    .where(
      and(
        eq(r.runtimeKind, "openai-compatible"),
        // Inactive revisions nothing wants back are left out, as in the placement pass.
        or(ne(r.currentState, "inactive"), and(sql`${r.trafficPercent} > 0`, eq(s.desiredState, "active"))),
      ),
    )
    .orderBy(r.createdAt, r.id);
  const results: UpstreamCheckResult[] = [];
  const checks: Promise<void>[] = [];
  for (const { revision, desiredState } of rows) {
    const wanted = desiredState === "active" && revision.trafficPercent > 0;
    if (!wanted) {
      if (["starting", "ready"].includes(revision.currentState))
        await withTransaction(ctx, (tx) =>
          moveRevisionIn(tx, revision.id, "inactive", "no traffic wanted (service stopped or no traffic)"),
        );
      else if (revision.currentState === "pending" && desiredState === "active")
        await noteRevisionWait({
          ctx,
          revisionId: revision.id,
          waitReason: "no traffic: checking starts when the traffic split gives it a share",
        });
      continue;
    }
    const config = revision.config as ServiceRevisionConfig;
    if (["pending", "inactive"].includes(revision.currentState))
      await withTransaction(ctx, (tx) =>
        moveRevisionIn(tx, revision.id, "starting", "checking the upstream's /v1/models"),
      );
    checks.push(
      (async () => {
        const health = await probe({
          baseUrl: config.runtime.base_url ?? "",
          apiKey: revision.sealedApiKey ? ctx.secrets.open(revision.sealedApiKey) : undefined,
          timeoutMs,
        });
        results.push({
          revisionId: revision.id,
          ok: health.ok,
          error: health.error,
          state: await recordCheck(ctx, revision.id, health, maxFailures),
        });
      })(),
    );
  }
  await Promise.all(checks);
  return results;
}

/** One check's outcome: the failure count, and the revision's state when the count decides it. */
async function recordCheck(
  ctx: ServiceContext,
  revisionId: string,
  health: UpstreamHealth,
  maxFailures: number,
): Promise<string> {
  return withTransaction(ctx, async (tx) => {
    const r = tables.serviceRevisions;
    if (health.ok) {
      await tx.db.update(r).set({ upstreamFailures: 0 }).where(eq(r.id, revisionId));
      const revision = await lockRevision(tx, revisionId);
      if (revision.currentState === "ready") return "ready";
      // A failed one comes back through pending and starting: the timeline shows the recovery.
      if (revision.currentState === "failed")
        await moveRevisionIn(tx, revisionId, "starting", "the upstream answers again");
      return moveRevisionIn(tx, revisionId, "ready", "the upstream answered /v1/models");
    }
    const [row] = await tx.db
      .update(r)
      .set({ upstreamFailures: sql`${r.upstreamFailures} + 1` })
      .where(and(eq(r.id, revisionId), inArray(r.currentState, ["starting", "ready", "failed"])))
      .returning({ failures: r.upstreamFailures, state: r.currentState });
    if (!row) return "unknown";
    if (row.failures < maxFailures || row.state === "failed") return row.state;
    return moveRevisionIn(tx, revisionId, "failed", `its upstream failed ${row.failures} checks in a row`, {
      failureReason: health.error ?? "the upstream did not answer",
    });
  });
}
