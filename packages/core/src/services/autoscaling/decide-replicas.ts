import type { ServiceRevisionConfig } from "@infera/contracts";
import type { RevisionLoad } from "../../ports/service-load.js";

type Autoscaling = ServiceRevisionConfig["autoscaling"];

/** What the autoscaler remembers of a revision between passes (table `service_autoscaling`). */
export interface AutoscaleMemory {
  desired: number;
  /** Since when the load has asked for fewer replicas than `desired`; null while it has not. */
  lowSince: Date | null;
  /** The most replicas the load asked for since `lowSince`: what a scale-down goes to. */
  lowPeak: number | null;
  lastDemandAt: Date | null;
}

export interface AutoscaleInput {
  autoscaling: Autoscaling;
  /** Null for a revision the autoscaler has not seen yet: it starts from one replica (or min). */
  memory: AutoscaleMemory | null;
  load: RevisionLoad;
  /** A request waits for this revision's first ready replica (it was scaled to zero). */
  coldStartOpen: boolean;
  /** Its replicas that answer now (all nodes). */
  readyReplicas: number;
  now: Date;
}

export interface AutoscaleDecision extends AutoscaleMemory {
  /** How many replicas the load asks for now, within the bounds. */
  wanted: number;
  /** Set when `desired` moved this pass. */
  change: "up" | "down" | "zero" | null;
}

/** The revision's bounds: scale to zero lets it reach 0; otherwise at least one replica runs. */
export function replicaBounds(a: Autoscaling): { min: number; max: number } {
  const min = a.scale_to_zero ? 0 : Math.max(1, a.min_replicas);
  return { min, max: Math.max(min, 1, a.max_replicas) };
}

const clamp = (n: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, n));

/**
 * The autoscaler's decision for one revision (pure): `ceil(load / target)` of the configured metric
 * (in-flight requests for `concurrency`, requests per second for `qps`), clamped to the bounds. More
 * replicas are wanted at once; fewer only once the load has asked for fewer for
 * `scale_down_delay_seconds`, and then as many as the most it asked for in that time (a spike
 * within the delay is not dropped). A demand from the gateway counts as one request in flight for
 * the delay after it, and an open cold start keeps one replica wanted until it is served, so a
 * revision woken from zero is not sent back before its waiting request reaches it. Nor does a
 * revision whose replicas are all still starting go to zero: idleness is counted from when it
 * could serve.
 */
export function decideReplicas({
  autoscaling,
  memory,
  load,
  coldStartOpen,
  readyReplicas,
  now,
}: AutoscaleInput): AutoscaleDecision {
  const bounds = replicaBounds(autoscaling);
  const delayMs = autoscaling.scale_down_delay_seconds * 1000;
  const value = autoscaling.metric === "qps" ? load.requestsPerSecond : load.inFlight;
  let asked = value > 0 ? Math.ceil(value / autoscaling.target) : 0;
  const demandRecent =
    memory?.lastDemandAt != null && now.getTime() - memory.lastDemandAt.getTime() < delayMs;
  const before = memory?.desired ?? clamp(1, bounds);
  // A count outside the bounds (none yet, or a memory older than the config) is brought in at once.
  const current = clamp(before, bounds);
  const stillStarting = current > 0 && readyReplicas === 0;
  if (demandRecent || coldStartOpen || stillStarting) asked = Math.max(asked, 1);
  const wanted = clamp(asked, bounds);
  const lastDemandAt = memory?.lastDemandAt ?? null;
  const changeFrom = (desired: number): AutoscaleDecision["change"] =>
    memory === null || desired === memory.desired
      ? null
      : desired > memory.desired
        ? "up"
        : desired === 0
          ? "zero"
          : "down";

  if (wanted >= current)
    return {
      desired: wanted,
      lowSince: null,
      lowPeak: null,
      lastDemandAt,
      wanted,
      change: changeFrom(wanted),
    };

  const lowSince = memory?.lowSince ?? now;
  const lowPeak = Math.max(memory?.lowSince ? (memory.lowPeak ?? wanted) : wanted, wanted);
  if (now.getTime() - lowSince.getTime() < delayMs)
    return { desired: current, lowSince, lowPeak, lastDemandAt, wanted, change: changeFrom(current) };
  // The delay is over: down to the most the load asked for during it. If it asks for fewer still
  // now, a new low period starts.
  const desired = Math.min(current, lowPeak);
  const again = wanted < desired;
  return {
    desired,
    lowSince: again ? now : null,
    lowPeak: again ? wanted : null,
    lastDemandAt,
    wanted,
    change: changeFrom(desired),
  };
}
