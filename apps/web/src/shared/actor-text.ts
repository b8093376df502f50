import type { AuditEvent } from "@infera/contracts";

/** Who did it, as the audit lists show it: the actor's label, else its id, else its kind. */
export function actorText(e: Pick<AuditEvent, "actor_label" | "actor_id" | "actor_type">): string {
  return e.actor_label ?? e.actor_id ?? e.actor_type;
}
