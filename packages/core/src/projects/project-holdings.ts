import type { Dependant } from "@infera/contracts";
import type { Executor } from "@infera/db";
import type { CoreRegistry } from "../shared/registry.js";

/**
 * What a project holds that deleting it would destroy. Each feature registers a finder for its own
 * resources (service accounts now; models, datasets, jobs, services, keys later), so deleting a
 * project lists all of them without this file knowing any.
 */
export interface HoldingKind {
  type: string;
  find(exec: Executor, projectId: string): Promise<Dependant[]>;
  /** Called inside the delete transaction when cascade was requested. */
  remove(exec: Executor, projectId: string): Promise<void>;
}

export function registerHoldingKind(registry: CoreRegistry, kind: HoldingKind): void {
  registry.holdingKinds.set(kind.type, kind);
}
