import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { ApiKeyVerification, InferenceCaller, RoutableService, ServiceLoad } from "@infera/core";
import { Hono } from "hono";
import { admitEverything, type CallAdmitter } from "../admission/call-admitter.js";
import { createInferenceCaller } from "../caller/create-inference-caller.js";
import { createUpstreamPools } from "../forwarding/upstream-pools.js";
import { createRoutingTable } from "../routing/routing-table.js";
import { createLoadTracker } from "../routing/track-load.js";
import { chatCompletions } from "../v1/chat-completions.js";
import { completions } from "../v1/completions.js";
import { embeddings } from "../v1/embeddings.js";
import type { V1Context } from "../v1/handle-inference.js";
import { listModels } from "../v1/list-models.js";
import { openAiErrorResponse } from "../v1/openai-error.js";
import { responses } from "../v1/responses.js";
import type { GatewayDeps, GatewayLog, UnpricedUsage } from "./gateway-deps.js";

export interface GatewayOptions {
  /** Core's `readRoutingTable` over the platform's database (main.ts binds its context). */
  readRoutingTable: () => Promise<RoutableService[]>;
  verifier: { verify(bearer: string | null | undefined): Promise<ApiKeyVerification> };
  meter: GatewayDeps["meter"];
  admitter?: CallAdmitter;
  serviceLoad: ServiceLoad;
  log: GatewayLog;
  now?: () => Date;
  /** A call to a revision scaled to zero is held this long for a replica (INFERA_COLD_START_TIMEOUT_SECONDS). */
  coldStartTimeoutMs?: number;
  coldStartPollMs?: number;
  /** Upstream silence allowed before headers and between body bytes (default 600 s). */
  upstreamTimeoutMs?: number;
  /** The routing table is reread when older than this, by the next call (default 1 s). */
  routingStaleMs?: number;
  /** Load reports to the autoscaler at most this often (default 2 s). */
  loadReportEveryMs?: number;
  maxBodyBytes?: number;
  /** A call's price from the price table; null until one prices it (the default). */
  estimateCost?: (usage: UnpricedUsage, resourceClass: string | null) => number | null;
  /** Called as a call starts: warm the tenant's prices while the upstream answers. */
  preparePrices?: (tenantId: string) => void;
  /**
   * Told of every call refused 401 (bad, revoked or expired key): such a call has no tenant, so no
   * usage record and no charge; main.ts counts it in `/metrics` so brute-forcing shows.
   */
  onRefusedKey?: (reason: "invalid" | "revoked" | "expired") => void;
  /** Told to reread the routing table at once (a change notification); returns how to stop listening. */
  onRoutingChange?: (reload: () => void) => Promise<() => Promise<void>>;
}

export interface Gateway {
  /** `/v1/*`: mount at the root of the server's app (`app.route("/", gateway.app)`). */
  app: Hono;
  /** The same call path for the console's playground. */
  caller: InferenceCaller;
  close(): Promise<void>;
}

/**
 * The OpenAI-compatible gateway (issue 12, decision 0036): `/v1/chat/completions`, `completions`,
 * `embeddings`, `responses` and `models`, each call authorized by an API key, routed by the
 * in-memory routing table, limited by the admitter, forwarded with keep-alive pools and metered.
 */
export async function createGateway(opts: GatewayOptions): Promise<Gateway> {
  const routing = createRoutingTable({
    load: opts.readRoutingTable,
    staleMs: opts.routingStaleMs ?? 1000,
    log: opts.log,
  });
  const load = createLoadTracker({
    serviceLoad: opts.serviceLoad,
    source: `gateway:${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    reportEveryMs: opts.loadReportEveryMs ?? 2000,
    log: opts.log,
  });
  const pools = createUpstreamPools({ upstreamTimeoutMs: opts.upstreamTimeoutMs ?? 600_000 });
  const deps: GatewayDeps = {
    routing,
    load,
    pools,
    meter: opts.meter,
    admitter: opts.admitter ?? admitEverything,
    serviceLoad: opts.serviceLoad,
    log: opts.log,
    now: opts.now ?? (() => new Date()),
    coldStartTimeoutMs: opts.coldStartTimeoutMs ?? 120_000,
    coldStartPollMs: opts.coldStartPollMs ?? 250,
    estimateCost: opts.estimateCost ?? (() => null),
    preparePrices: opts.preparePrices ?? (() => {}),
  };
  const onRefusedKey = opts.onRefusedKey;
  const verifier: GatewayOptions["verifier"] = onRefusedKey
    ? {
        verify: async (bearer) => {
          const v = await opts.verifier.verify(bearer);
          if (!v.ok) onRefusedKey(v.code);
          return v;
        },
      }
    : opts.verifier;
  const v1: V1Context = { deps, verifier, maxBodyBytes: opts.maxBodyBytes ?? 4 * 1024 * 1024 };
  const stopListening = opts.onRoutingChange ? await opts.onRoutingChange(() => routing.markStale()) : null;

  const app = new Hono();
  app.post("/v1/chat/completions", (c) => chatCompletions(v1, c.req.raw));
  app.post("/v1/completions", (c) => completions(v1, c.req.raw));
  app.post("/v1/embeddings", (c) => embeddings(v1, c.req.raw));
  app.post("/v1/responses", (c) => responses(v1, c.req.raw));
  app.get("/v1/models", (c) => listModels(v1, c.req.raw));
  app.all("/v1/*", (c) =>
    openAiErrorResponse({
      status: 404,
      code: "unknown_url",
      message: `Unknown request URL: ${c.req.method} ${c.req.path}`,
    }),
  );
  app.onError((err, c) => {
    opts.log.warn({ err: err.message, path: c.req.path }, "gateway call failed");
    return openAiErrorResponse({
      status: 500,
      code: "internal_error",
      message: "the gateway failed this call",
    });
  });

  return {
    app,
    caller: createInferenceCaller(deps),
    async close() {
      await stopListening?.();
      await load.close();
      await pools.close();
    },
  };
}
