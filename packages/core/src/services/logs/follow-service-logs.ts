import type { ServiceLogLine } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeService } from "../service-access.js";
import { SERVICE_LOGS_CHANNEL } from "./append-replica-log-lines.js";
import { loadServiceLogs, type ServiceLogFilters } from "./service-log-queries.js";

/** A service's log as a followable feed: what a Server-Sent Events answer reads from. */
export interface ServiceLogFeed {
  after: number;
  load(after: number, limit: number): Promise<{ seq: number; type: string; data: ServiceLogLine }[]>;
  follow(wake: () => void): Promise<() => Promise<void>>;
  /** True when not following, or once the service is deleted; a live service's log never closes. */
  closed(): Promise<boolean>;
}

/**
 * Opens the service's replica log from `after` (default: the whole log) as a feed of `log` events,
 * filtered as the JSON list is, woken by each shipment the nodes' workers commit (the same change
 * feed mechanism as a fine-tuning job's events).
 */
export async function followServiceLogs({
  ctx,
  serviceId,
  after,
  filters,
  follow = true,
}: {
  ctx: ServiceContext;
  serviceId: string;
  after?: number;
  filters: ServiceLogFilters;
  follow?: boolean;
}): Promise<ServiceLogFeed> {
  await authorizeService(ctx, "service.log.read", serviceId);
  const s = tables.services;
  return {
    after: after ?? 0,
    async load(from, limit) {
      const lines = await loadServiceLogs(ctx.db, serviceId, filters, { after: from, limit });
      return lines.map((l) => ({ seq: l.seq, type: "log", data: l }));
    },
    follow: (wake) =>
      ctx.changes.listen(SERVICE_LOGS_CHANNEL, (payload) => {
        if (payload === serviceId) wake();
      }),
    async closed() {
      if (!follow) return true;
      const [row] = await ctx.db.select({ id: s.id }).from(s).where(eq(s.id, serviceId));
      return !row;
    },
  };
}
