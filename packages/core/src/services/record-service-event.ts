import type { ServiceEventType } from "@infera/contracts";
import { tables } from "@infera/db";
import { actorIdOf } from "../fine-tuning/job-access.js";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";

/** Appends to the service's event list (Overview's "recent events"), in the caller's transaction. */
export async function recordServiceEvent(
  tx: TxContext,
  input: {
    serviceId: string;
    revisionId?: string | null;
    type: ServiceEventType;
    message: string;
    data?: Record<string, unknown>;
    at?: Date;
  },
): Promise<void> {
  await tx.db.insert(tables.serviceEvents).values({
    id: newId("serviceEvent"),
    serviceId: input.serviceId,
    revisionId: input.revisionId ?? null,
    type: input.type,
    message: input.message,
    data: input.data ?? {},
    actorId: actorIdOf(tx),
    at: input.at ?? tx.now(),
  });
}
