import type { Executor } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import type { CoreRegistry } from "../shared/registry.js";

/**
 * Something that keeps blobs alive. Each feature that stores digests (model version files, dataset
 * version files, …) registers a kind, so garbage collection knows what is referenced without this
 * file knowing any feature. With no kind registered, nothing is referenced.
 */
export interface BlobReferenceKind {
  type: string;
  /** Which of `sha256s` this kind references (any subset, in any order). */
  referenced(exec: Executor, sha256s: readonly string[]): Promise<Iterable<string>>;
}

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
