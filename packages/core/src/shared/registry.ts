import type { BlobReferenceKind } from "../blobs/blob-references.js";
import type { PassingEvaluationFinder, ReleaseGate } from "../models/tags/release-gates.js";
import type { HoldingKind } from "../projects/project-holdings.js";
import type { ReferenceKind } from "../references/reference-kinds.js";

/**
 * What features plug into shared rules: what references a model or dataset, what a project holds,
 * what keeps a blob alive, which gates a protected tag passes. Created by an app's main.ts, filled
 * by explicit register calls there (`registerCoreKinds` for the built-in ones), carried by every
 * ServiceContext (`ctx.registry`). No module-level state: two servers (or tests) never share one.
 */
export interface CoreRegistry {
  referenceKinds: Map<string, ReferenceKind>;
  holdingKinds: Map<string, HoldingKind>;
  blobReferenceKinds: Map<string, BlobReferenceKind>;
  releaseGates: Map<string, ReleaseGate>;
  passingEvaluationFinders: PassingEvaluationFinder[];
}

export function createRegistry(): CoreRegistry {
  return {
    referenceKinds: new Map(),
    holdingKinds: new Map(),
    blobReferenceKinds: new Map(),
    releaseGates: new Map(),
    passingEvaluationFinders: [],
  };
}
