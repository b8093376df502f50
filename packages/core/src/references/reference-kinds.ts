import type { Dependant } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import type { CoreRegistry, ReferenceKind, ReferenceTarget } from "../shared/registry.js";

export type { ReferenceKind, ReferenceTarget };

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
