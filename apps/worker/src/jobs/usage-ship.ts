import type { ScheduleSpec } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** What the handler needs of the gateway's meter (`@infera/gateway`'s `Meter`; main.ts passes it). */
export interface UsageShipper {
  ship(): Promise<{ segments: number; inserted: number; duplicates: number; torn: number; invalid: number }>;
}

/**
 * `usage.ship`: one shipping pass of this process's usage meter — the open journal segment is sealed
 * when it is old enough, and every sealed or crashed segment goes to `usage_records` and the rollups.
 * A process without a gateway (a worker-only machine) has no meter and ends at once: each gateway
 * process also ships by itself when a segment fills, at start (replay) and at stop (decision 0030).
 */
export function usageShip({ meter }: { meter: UsageShipper | null }): JobHandler {
  return async ({ log }) => {
    if (!meter) return;
    const r = await meter.ship();
    if (r.torn || r.invalid || r.duplicates) log.info({ ...r }, "usage journal shipped with lines to note");
  };
}

/** Every 5 s, so an idle gateway's last records reach the database within about 10 s. */
export const usageShipEvery5s: ScheduleSpec = {
  name: "usage.ship",
  kind: "usage.ship",
  payload: {},
  intervalSeconds: 5,
  dueNow: true,
};
