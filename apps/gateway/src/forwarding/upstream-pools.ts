import { Pool } from "undici";

export interface UpstreamPools {
  /** The keep-alive pool of an origin (`http://host:port`), made on first use. */
  pool(origin: string): Pool;
  close(): Promise<void>;
}

/**
 * One undici Pool per upstream origin (a replica, an external base URL): connections kept alive
 * between calls. The silence allowed before the headers and between body bytes is
 * `upstreamTimeoutMs` (default 600 s in the server): a model thinking for minutes is not cut, unlike
 * proxies whose 10 s default ends long generations.
 */
export function createUpstreamPools(opts: {
  upstreamTimeoutMs: number;
  connections?: number;
}): UpstreamPools {
  const pools = new Map<string, Pool>();
  return {
    pool(origin) {
      let pool = pools.get(origin);
      if (!pool) {
        pool = new Pool(origin, {
          connections: opts.connections ?? 256,
          keepAliveTimeout: 30_000,
          headersTimeout: opts.upstreamTimeoutMs,
          bodyTimeout: opts.upstreamTimeoutMs,
        });
        pools.set(origin, pool);
      }
      return pool;
    },
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((p) => p.close().catch(() => p.destroy())));
    },
  };
}
