import type { UsageRecord } from "@infera/contracts";
import type { ServiceLoad } from "@infera/core";
import type { CallAdmitter, CallIdentity } from "../admission/call-admitter.js";
import type { UpstreamPools } from "../forwarding/upstream-pools.js";
import type { RoutingTable } from "../routing/routing-table.js";
import type { LoadTracker } from "../routing/track-load.js";

export interface GatewayLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** A usage record before its price: what `estimateCost` sees. */
export type UnpricedUsage = Omit<UsageRecord, "cost_estimate">;

/** What every call path of one gateway shares (built once by `createGateway`). */
export interface GatewayDeps {
  routing: RoutingTable;
  load: LoadTracker;
  pools: UpstreamPools;
  meter: { record(usage: UsageRecord): void };
  admitter: CallAdmitter;
  serviceLoad: ServiceLoad;
  log: GatewayLog;
  now: () => Date;
  coldStartTimeoutMs: number;
  /** How often a held call rereads the routing table for a ready replica. */
  coldStartPollMs: number;
  /** A call's price, from memory (null: not priced); `resourceClass` is the revision's. */
  estimateCost: (usage: UnpricedUsage, resourceClass: string | null) => number | null;
  /** Told when a call starts, so the tenant's prices are in memory when it ends. */
  preparePrices: (tenantId: string) => void;
}

/** Who calls: an API key's project (limits from the key), or a signed-in user's (no key, no limits). */
export type Caller = Omit<CallIdentity, "serviceId" | "revisionId">;
