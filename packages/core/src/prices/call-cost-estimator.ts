import type { ChangeFeed } from "../ports/change-feed.js";
import type { PriceDirectory, TenantPriceTable } from "../ports/price-directory.js";
import type { Logger } from "../shared/context.js";
import { ALL_TENANTS, PRICE_CHANNEL } from "./price-changes.js";

const MS_PER_HOUR = 3_600_000;

export interface CallCostInput {
  tenantId: string;
  modelVersionId: string | null;
  /** The resource class of the revision that answered (its replicas' size). */
  resourceClassId?: string | null;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
}

export interface CallCostEstimatorOptions {
  directory: PriceDirectory;
  /** LISTEN/NOTIFY on `price_changes`: how a price set in any process reaches this one's cache. */
  changes: ChangeFeed;
  now?: () => number;
  log?: Logger;
  /**
   * A cached table older than this is reloaded in the background (the answer still comes from the
   * cache): the backstop for a notification lost while the LISTEN connection was down.
   */
  refreshAfterMs?: number;
  /** Tenants kept at most (the oldest loaded dropped first). */
  maxTenants?: number;
}

interface Cached<T> {
  value: T;
  loadedAt: number;
}

type ClassPrices = ReadonlyMap<string, { perHour: number; currency: string }>;

/** Rounded to the precision `usage_records.cost_estimate` keeps. */
const toStored = (n: number) => Math.round(n * 1e8) / 1e8;

/**
 * A call's estimated cost in its tenant's currency, for the gateway's usage record (issue 12 item
 * 4–5): the model version's token prices when the tenant's table has them; otherwise the resource
 * class's hourly price (the tenant's own, else the platform's when it is in the tenant's currency) ×
 * the call's duration; otherwise null (not priced). Answers from memory: a tenant's table is read
 * once (one read however many calls wait for it), dropped when `price_changes` names the tenant (or
 * `*` for the platform's classes), and re-read in the background after `refreshAfterMs`.
 */
export class CallCostEstimator {
  private readonly directory: PriceDirectory;
  private readonly changes: ChangeFeed;
  private readonly nowMs: () => number;
  private readonly log: Logger | undefined;
  private readonly refreshAfterMs: number;
  private readonly maxTenants: number;

  private readonly tenants = new Map<string, Cached<TenantPriceTable>>();
  private readonly loadingTenants = new Map<string, Promise<TenantPriceTable>>();
  private classes: Cached<ClassPrices> | null = null;
  private loadingClasses: Promise<ClassPrices> | null = null;
  /** Bumped by every notification: a read that started before it is answered but not cached. */
  private epoch = 0;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(opts: CallCostEstimatorOptions) {
    this.directory = opts.directory;
    this.changes = opts.changes;
    this.nowMs = opts.now ?? Date.now;
    this.log = opts.log;
    this.refreshAfterMs = opts.refreshAfterMs ?? 60_000;
    this.maxTenants = opts.maxTenants ?? 10_000;
  }

  /** Starts listening for price changes; call before estimating. */
  async start(): Promise<void> {
    if (this.unlisten) return;
    this.unlisten = await this.changes.listen(PRICE_CHANNEL, (tenantId) => this.forget(tenantId));
  }

  async close(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
  }

  async estimateCallCost(input: CallCostInput): Promise<number | null> {
    const table = await this.tenantTable(input.tenantId);
    const tokens = input.modelVersionId ? table.modelVersions.get(input.modelVersionId) : undefined;
    if (tokens)
      return toStored(
        (input.promptTokens * (tokens.inputPerMillion ?? 0) +
          input.completionTokens * (tokens.outputPerMillion ?? 0)) /
          1_000_000,
      );
    if (!input.resourceClassId) return null;
    let perHour = table.resourceClasses.get(input.resourceClassId);
    if (perHour === undefined) {
      const platform = (await this.classPrices()).get(input.resourceClassId);
      // A platform price in another currency cannot be added to the tenant's: not priced.
      if (platform && platform.currency === table.currency) perHour = platform.perHour;
    }
    if (perHour === undefined) return null;
    return toStored((perHour * Math.max(0, input.latencyMs)) / MS_PER_HOUR);
  }

  /**
   * Starts reading the tenant's prices (and the platform's class prices) if they are not cached, so
   * that `estimateCachedCallCost` at the call's end finds them: the gateway calls it when a call
   * starts, and the read runs while the upstream answers.
   */
  prepare(tenantId: string): void {
    const table = this.tenantTable(tenantId);
    if (table instanceof Promise) table.catch(() => {});
    const classes = this.classPrices();
    if (classes instanceof Promise) classes.catch(() => {});
  }

  /**
   * `estimateCallCost` answered from memory only, for the gateway's last byte (the usage record is
   * journaled before it goes out, so it cannot wait for a read): undefined when the tenant's prices
   * are not cached yet (a read is started; the call is recorded unpriced).
   */
  estimateCachedCallCost(input: CallCostInput): number | null | undefined {
    const hit = this.tenants.get(input.tenantId);
    if (!hit) {
      this.prepare(input.tenantId);
      return undefined;
    }
    const table = hit.value;
    const tokens = input.modelVersionId ? table.modelVersions.get(input.modelVersionId) : undefined;
    if (tokens)
      return toStored(
        (input.promptTokens * (tokens.inputPerMillion ?? 0) +
          input.completionTokens * (tokens.outputPerMillion ?? 0)) /
          1_000_000,
      );
    if (!input.resourceClassId) return null;
    let perHour = table.resourceClasses.get(input.resourceClassId);
    if (perHour === undefined) {
      const platform = this.classes?.value.get(input.resourceClassId);
      if (platform && platform.currency === table.currency) perHour = platform.perHour;
    }
    if (perHour === undefined) return null;
    return toStored((perHour * Math.max(0, input.latencyMs)) / MS_PER_HOUR);
  }

  /** What is cached (tests and metrics). */
  cacheSizes(): { tenants: number; classes: boolean } {
    return { tenants: this.tenants.size, classes: this.classes !== null };
  }

  private tenantTable(tenantId: string): Promise<TenantPriceTable> | TenantPriceTable {
    const hit = this.tenants.get(tenantId);
    if (hit) {
      if (this.nowMs() - hit.loadedAt > this.refreshAfterMs) void this.loadTenant(tenantId).catch(() => {});
      return hit.value;
    }
    return this.loadTenant(tenantId);
  }

  private loadTenant(tenantId: string): Promise<TenantPriceTable> {
    const pending = this.loadingTenants.get(tenantId);
    if (pending) return pending;
    const epoch = this.epoch;
    const run = this.directory
      .tenantPrices(tenantId)
      .then((value) => {
        if (epoch === this.epoch) {
          this.tenants.delete(tenantId);
          this.tenants.set(tenantId, { value, loadedAt: this.nowMs() });
          // A Map iterates in insertion order: the first entry is the oldest loaded.
          while (this.tenants.size > this.maxTenants) this.tenants.delete(this.tenants.keys().next().value!);
        }
        return value;
      })
      .catch((err) => {
        this.log?.warn({ err: String(err), tenantId }, "price table read failed");
        throw err;
      })
      .finally(() => this.loadingTenants.delete(tenantId));
    this.loadingTenants.set(tenantId, run);
    return run;
  }

  private classPrices(): Promise<ClassPrices> | ClassPrices {
    const hit = this.classes;
    if (hit) {
      if (this.nowMs() - hit.loadedAt > this.refreshAfterMs) void this.loadClasses().catch(() => {});
      return hit.value;
    }
    return this.loadClasses();
  }

  private loadClasses(): Promise<ClassPrices> {
    if (this.loadingClasses) return this.loadingClasses;
    const epoch = this.epoch;
    const run = this.directory
      .resourceClassPrices()
      .then((value) => {
        if (epoch === this.epoch) this.classes = { value, loadedAt: this.nowMs() };
        return value;
      })
      .finally(() => {
        this.loadingClasses = null;
      });
    this.loadingClasses = run;
    return run;
  }

  private forget(tenantId: string) {
    this.epoch += 1;
    if (tenantId === ALL_TENANTS) this.classes = null;
    else this.tenants.delete(tenantId);
  }
}
