import type { ServiceContext } from "../shared/context.js";
import type { BlobReferenceKind, CoreRegistry } from "../shared/registry.js";

export type { BlobReferenceKind };

export function registerBlobReferenceKind(registry: CoreRegistry, kind: BlobReferenceKind): void {
  registry.blobReferenceKinds.set(kind.type, kind);
}

/** The union of every kind's answer for one batch of digests. */
export async function referencedDigests(
  ctx: ServiceContext,
  sha256s: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  if (sha256s.length === 0) return found;
  for (const kind of ctx.registry.blobReferenceKinds.values())
    for (const d of await kind.referenced(ctx.db, sha256s)) found.add(d);
  return found;
}
