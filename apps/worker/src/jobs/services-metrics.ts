import {
  listMetricTargets,
  type MetricTarget,
  type ProcessUsageReader,
  parseReplicaMetrics,
  type ReplicaSample,
  recordReplicaScrape,
  type ScheduleSpec,
  type ScrapeDelta,
} from "@infera/core";
import type { JobHandler } from "../job-handler.js";
import { urlHost } from "../serving/replica-health.js";

/** Told about each committed scrape (the server's Prometheus exposition, when this process serves it). */
export interface ServiceMetricsObserver {
  scraped(target: MetricTarget, delta: ScrapeDelta): void;
  /** The replicas of this scrape: series of replicas no longer here are dropped from the gauges. */
  present(targets: readonly MetricTarget[]): void;
}

export interface ServiceMetricsOptions {
  /** This worker's node: only its replicas are scraped, at its address. */
  node: { id: string };
  usage: ProcessUsageReader;
  observer?: ServiceMetricsObserver;
  /** How long one replica's /metrics may take to answer. */
  timeoutMs: number;
  /** The node's address its replicas listen on (INFERA_NODE_ADDRESS; default 127.0.0.1). */
  address?: string;
}

async function fetchMetrics(
  host: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<string> {
  const res = await fetch(`http://${urlHost(host)}:${port}/metrics`, {
    signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
  });
  if (!res.ok) throw new Error(`answered HTTP ${res.status}`);
  return res.text();
}

/**
 * `services.metrics`: scrapes this node's ready replicas — their `/metrics` and the process's CPU
 * time and memory — and files each under the current minute (decision 0027). Each replica commits on
 * its own against the snapshot its newest row keeps, so a run killed midway loses and repeats nothing:
 * the replicas it did not reach are counted by the next run, from where their rows stand. A replica
 * that does not answer is skipped this time (a log line), never written as zeros.
 */
export function servicesMetrics(opts: ServiceMetricsOptions): JobHandler {
  return async ({ ctx, log, signal }) => {
    const targets = await listMetricTargets({ ctx, nodeId: opts.node.id });
    opts.observer?.present(targets);
    if (!targets.length) return;
    const usage = await opts.usage.read(targets.map((t) => t.pid));
    for (const target of targets) {
      if (signal.aborted) return;
      let sample: ReplicaSample;
      try {
        sample = parseReplicaMetrics(
          await fetchMetrics(opts.address ?? "127.0.0.1", target.port, opts.timeoutMs, signal),
        );
      } catch (err) {
        if (signal.aborted) return;
        log.warn({ replica: target.replicaId, err: (err as Error).message }, "replica metrics not scraped");
        continue;
      }
      const delta = await recordReplicaScrape({
        ctx,
        replicaId: target.replicaId,
        pid: target.pid,
        sample,
        usage: usage.get(target.pid) ?? null,
      });
      if (delta) opts.observer?.scraped(target, delta);
    }
  };
}

/**
 * Once a minute (the minute rows' granularity), on every node: each node's worker ticks its own
 * schedule and runs its items, since only it reaches its replicas on loopback (decision 0033).
 */
export const servicesMetricsEveryMinute: ScheduleSpec = {
  name: "services.metrics",
  kind: "services.metrics",
  payload: {},
  intervalSeconds: 60,
  dueNow: true,
  perNode: true,
};
