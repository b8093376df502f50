import type { CoreRegistry, HoldingKind } from "../shared/registry.js";

export type { HoldingKind };

export function registerHoldingKind(registry: CoreRegistry, kind: HoldingKind): void {
  registry.holdingKinds.set(kind.type, kind);
}
