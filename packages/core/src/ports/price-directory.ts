/** A model version's token prices; either may be null (that side of the call costs nothing). */
export interface TokenPrices {
  inputPerMillion: number | null;
  outputPerMillion: number | null;
}

/** One tenant's price table as an estimate needs it. */
export interface TenantPriceTable {
  currency: string;
  /** Model version id → its token prices. */
  modelVersions: ReadonlyMap<string, TokenPrices>;
  /** Resource class name → the tenant's own hourly price for it. */
  resourceClasses: ReadonlyMap<string, number>;
}

/**
 * Where `CallCostEstimator` reads prices when its cache cannot answer. The database adapter is
 * `databasePriceDirectory`; a test may wrap it to count the reads the hot path makes.
 */
export interface PriceDirectory {
  tenantPrices(tenantId: string): Promise<TenantPriceTable>;
  /** The platform's resource classes: hourly price and its currency, the fallback of every tenant. */
  resourceClassPrices(): Promise<ReadonlyMap<string, { perHour: number; currency: string }>>;
}
