import type { ServiceRevisionDetail, TransitionRevisionInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { transitionRevision } from "./revision-state-machine.js";
import { withDurations } from "./service-view.js";

/**
 * The platform's own move of a revision (the replica manager: placed, downloading, ready, failed
 * with the runtime's error, pending with what is short). Not a user action, so not authorized by
 * the matrix and not audited; the revision's timeline records it. Locks the service first, as
 * deploys and traffic edits do, so the order of locks is the same everywhere.
 */
export async function transitionServiceRevision({
  ctx,
  revisionId,
  input,
}: {
  ctx: ServiceContext;
  revisionId: string;
  input: TransitionRevisionInput;
}): Promise<ServiceRevisionDetail> {
  return withTransaction(ctx, async (tx) => {
    const r = tables.serviceRevisions;
    const [found] = await tx.db.select({ serviceId: r.serviceId }).from(r).where(eq(r.id, revisionId));
    if (!found) throw notFound("service revision");
    await tx.db
      .select({ id: tables.services.id })
      .from(tables.services)
      .where(eq(tables.services.id, found.serviceId))
      .for("update");
    const [revision] = await tx.db.select().from(r).where(eq(r.id, revisionId)).for("update");
    if (!revision) throw notFound("service revision");
    const updated = await transitionRevision(tx, revision, input.to, input.reason, {
      failureReason: input.failure_reason,
      waitReason: input.wait_reason,
    });
    const [detail] = await withDurations(tx, [updated]);
    return detail!;
  });
}
