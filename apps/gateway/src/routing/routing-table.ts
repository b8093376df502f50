import type { RoutableService } from "@infera/core";

/** The table indexed the way calls look it up. */
export interface RoutingSnapshot {
  services: readonly RoutableService[];
  /** `projectId name` → service. */
  byProjectAndName: ReadonlyMap<string, RoutableService>;
  byId: ReadonlyMap<string, RoutableService>;
  loadedAt: number;
}

export interface RoutingTable {
  /** The table, reloaded first when older than `staleMs` (one load at a time, shared by every caller). */
  get(): Promise<RoutingSnapshot>;
  /** A load that starts after this call (a held cold start polls with it; a change notification marks it stale). */
  refresh(): Promise<RoutingSnapshot>;
  markStale(): void;
}

/**
 * The gateway's routing cache (decision 0036): the whole table in memory, reloaded by traffic when
 * it is older than about a second — no timer, so an idle gateway reads nothing. A failed reload
 * keeps serving the last table (a database blip does not stop traffic) and is retried by the next call.
 */
export function createRoutingTable(opts: {
  load: () => Promise<RoutableService[]>;
  staleMs: number;
  nowMs?: () => number;
  log?: { warn(obj: object, msg: string): void };
}): RoutingTable {
  const nowMs = opts.nowMs ?? Date.now;
  let current: RoutingSnapshot | null = null;
  let loading: Promise<RoutingSnapshot> | null = null;

  const load = (): Promise<RoutingSnapshot> => {
    loading ??= opts
      .load()
      .then((services) => {
        current = index(services, nowMs());
        return current;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };

  return {
    async get() {
      if (current && nowMs() - current.loadedAt < opts.staleMs) return current;
      if (!current) return load();
      // Stale: reload, but answer from the old table if the database fails.
      return load().catch((err: Error) => {
        opts.log?.warn({ err: err.message }, "routing table reload failed; serving the last one");
        return current!;
      });
    },
    async refresh() {
      // A load already under way may have read before the caller's reason to refresh: wait for the next.
      if (loading) await loading.catch(() => undefined);
      return load();
    },
    markStale() {
      if (current) current = { ...current, loadedAt: Number.NEGATIVE_INFINITY };
    },
  };
}

function index(services: RoutableService[], loadedAt: number): RoutingSnapshot {
  return {
    services,
    byProjectAndName: new Map(services.map((s) => [`${s.projectId} ${s.name}`, s])),
    byId: new Map(services.map((s) => [s.id, s])),
    loadedAt,
  };
}
