import { FineTuneJobStatus } from "@infera/contracts";
import type { WorkloadGauges } from "@infera/core";
import type { LimitsObserver } from "@infera/gateway";
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { AppEnv } from "./app-env.js";
import { createServiceMetricsExposition } from "./service-metrics-exposition.js";

export interface MetricsSources {
  /** Read at each scrape (two grouped counts); a failure leaves the gauges empty for that scrape. */
  workload?: () => Promise<WorkloadGauges>;
}

export function createMetrics(sources: MetricsSources = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "infera_" });
  if (sources.workload) addWorkloadGauges(registry, sources.workload);
  const requests = new Counter({
    name: "infera_http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "infera_http_request_duration_seconds",
    help: "HTTP request duration by method and route",
    labelNames: ["method", "route"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  /** Times each request and writes one access log line; routes are labelled by pattern, not by id. */
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const start = performance.now();
    await next();
    const seconds = (performance.now() - start) / 1000;
    const route = routePath(c) || "unmatched";
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    duration.observe({ method: c.req.method, route }, seconds);
    c.get("log")?.info(
      {
        method: c.req.method,
        path: c.req.path,
        route,
        status: c.res.status,
        ms: Math.round(seconds * 10_000) / 10,
      },
      "request",
    );
  };
  const passSeconds = new Histogram({
    name: "infera_fine_tune_scheduling_pass_seconds",
    help: "Duration of fine-tuning scheduling passes run by this process's worker",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const placedTotal = new Counter({
    name: "infera_fine_tune_jobs_placed_total",
    help: "Fine-tuning jobs placed by this process's scheduling passes",
    registers: [registry],
  });
  const queueWait = new Histogram({
    name: "infera_fine_tune_queue_wait_seconds",
    help: "How long placed fine-tuning jobs waited in the queue (queued to starting)",
    buckets: [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600],
    registers: [registry],
  });
  /** The worker's scheduling observer (`fineTuningSchedule`), when this process runs one. */
  const scheduling = {
    pass(seconds: number, placedQueueWaits: readonly number[]) {
      passSeconds.observe(seconds);
      placedTotal.inc(placedQueueWaits.length);
      for (const wait of placedQueueWaits) queueWait.observe(wait);
    },
  };
  const redisUnavailable = new Counter({
    name: "infera_gateway_limits_redis_unavailable_total",
    help: "Gateway calls whose API key limits were decided without Redis (fail mode open: this process's own counters; closed: refused)",
    labelNames: ["fail_mode", "operation"],
    registers: [registry],
  });
  /** The gateway admitter's observer (`createCallAdmitter({ observer })`), decision 0034. */
  const limits: LimitsObserver = {
    redisUnavailable: (failMode, operation) => redisUnavailable.inc({ fail_mode: failMode, operation }),
  };
  const refusedKeys = new Counter({
    name: "infera_gateway_refused_keys_total",
    help: "Gateway calls refused 401 for their API key (no tenant: no usage record, no charge), by reason",
    labelNames: ["reason"],
    registers: [registry],
  });
  /** `createGateway({ onRefusedKey })`: a rising `invalid` count is someone guessing keys. */
  const gateway = { refusedKey: (reason: string) => refusedKeys.inc({ reason }) };
  // Service replicas' metrics, fed by this process's worker; appended to the registry's text.
  const services = createServiceMetricsExposition();
  const render = async () => (await registry.metrics()) + services.render();
  return { registry, middleware, scheduling, limits, gateway, services: services.observer, render };
}

/**
 * `infera_fine_tune_jobs{status}` (every status, 0 included) and `infera_work_queue_depth{kind,state}`,
 * both read once per scrape: the collect of the first reads for both.
 */
function addWorkloadGauges(registry: Registry, read: () => Promise<WorkloadGauges>) {
  let pending: Promise<WorkloadGauges | null> | null = null;
  const once = () => {
    pending ??= read()
      .catch(() => null)
      .finally(() => setTimeout(() => (pending = null), 0));
    return pending;
  };
  new Gauge({
    name: "infera_fine_tune_jobs",
    help: "Fine-tuning jobs by status",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      this.reset();
      const gauges = await once();
      if (!gauges) return;
      const counts = new Map(gauges.jobs.map((j) => [j.status, j.count]));
      for (const status of FineTuneJobStatus.options) this.set({ status }, counts.get(status) ?? 0);
    },
  });
  new Gauge({
    name: "infera_work_queue_depth",
    help: "Unfinished work queue items by kind and state (ready, scheduled, leased)",
    labelNames: ["kind", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      const gauges = await once();
      for (const q of gauges?.queue ?? []) this.set({ kind: q.kind, state: q.state }, q.count);
    },
  });
}
