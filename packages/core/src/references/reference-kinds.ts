import type { Dependant } from "@infera/contracts";
import type { Executor } from "@infera/db";

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

const kinds = new Map<string, ReferenceKind>();

export function registerReferenceKind(kind: ReferenceKind): void {
  kinds.set(kind.type, kind);
}

export function unregisterReferenceKind(type: string): void {
  kinds.delete(type);
}

/** Every dependant of the targets, by every registered kind. */
export async function findDependants(exec: Executor, targets: ReferenceTarget[]): Promise<Dependant[]> {
  const found: Dependant[] = [];
  for (const target of targets)
    for (const kind of kinds.values()) found.push(...(await kind.find(exec, target)));
  const seen = new Set<string>();
  return found.filter((d) => {
    const key = `${d.type}:${d.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
