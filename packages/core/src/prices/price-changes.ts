import { notifyChange } from "../changes/notify-change.js";
import type { TxContext } from "../shared/transaction.js";

/**
 * The LISTEN/NOTIFY channel on which every gateway process's `CallCostEstimator` hears that a
 * tenant's prices changed (a price set or removed, the currency changed) and drops that tenant from
 * its cache. The payload is the tenant id, or `*` when a platform price changed (a resource class's
 * hourly price), which every tenant falls back to.
 */
export const PRICE_CHANNEL = "price_changes";
export const ALL_TENANTS = "*";

/** Delivered when the caller's transaction commits, so no process reloads the old prices after it. */
export async function notifyPricesChanged(tx: TxContext, tenantId: string): Promise<void> {
  await notifyChange(tx, PRICE_CHANNEL, tenantId);
}
