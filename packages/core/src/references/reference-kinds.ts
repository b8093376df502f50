import type { Dependant } from "@infera/contracts";
import type { Executor } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import type { CoreRegistry } from "../shared/registry.js";

/** Something a dependant can point at; later features add their own target types. */
export interface ReferenceTarget {
  type: "model" | "model_version" | "dataset" | "dataset_version";
  id: string;
}

/**
 * What keeps an asset from being deleted. Each feature that stores an asset's id (jobs, services,
 * evaluations, derived versions) registers a kind, so a delete answers resource_in_use with every
 * dependant without this file knowing any feature.
 */
export interface ReferenceKind {
  type: string;
  find(exec: Executor, target: ReferenceTarget): Promise<Dependant[]>;
}

export function registerReferenceKind(registry: CoreRegistry, kind: ReferenceKind): void {
  registry.referenceKinds.set(kind.type, kind);
}

/** Every dependant of the targets, by every registered kind. */
export async function findDependants(ctx: ServiceContext, targets: ReferenceTarget[]): Promise<Dependant[]> {
  const found: Dependant[] = [];
  for (const target of targets)
    for (const kind of ctx.registry.referenceKinds.values()) found.push(...(await kind.find(ctx.db, target)));
  const seen = new Set<string>();
  return found.filter((d) => {
    const key = `${d.type}:${d.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
