import type { ServiceDetail, ServiceRevisionDetail, ServiceRevisionState } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/client";
import { serviceKeys } from "./api";

/** The states a revision passes on its way up, in order (the header's stepper). */
export const STEPPER_STATES = ["pending", "downloading", "starting", "ready"] as const;
export type StepperState = (typeof STEPPER_STATES)[number];

const MOVING: ServiceRevisionState[] = ["pending", "downloading", "starting"];

/** Still running after the service was stopped: the reconcile pass takes them to inactive shortly. */
const STOPPING: ServiceRevisionState[] = ["downloading", "starting", "ready"];

/**
 * While a revision is on its way up, or on its way down after a stop, the page is read again every few
 * seconds; a settled one is not polled.
 */
const MOVING_REFRESH_MS = 5_000;

export function isMoving(service: Pick<ServiceDetail, "revisions" | "desired_state">): boolean {
  return service.revisions.some(
    (r) =>
      MOVING.includes(r.current_state) ||
      (service.desired_state === "inactive" && STOPPING.includes(r.current_state)),
  );
}

export function useServiceDetail(serviceId: string) {
  return useQuery<ServiceDetail>({
    queryKey: serviceKeys.detail(serviceId),
    queryFn: () => api.services.get(serviceId),
    refetchInterval: (q) => (q.state.data && isMoving(q.state.data) ? MOVING_REFRESH_MS : false),
  });
}

/** The revision the header follows: the one carrying the most traffic, else the newest. */
export function headlineRevision(service: ServiceDetail): ServiceRevisionDetail | null {
  const byId = service.revisions.find((r) => r.id === service.current_revision_id);
  if (byId) return byId;
  return [...service.revisions].sort((a, b) => b.number - a.number)[0] ?? null;
}

export interface StepDuration {
  state: StepperState;
  /** Seconds of the state's latest stay (up to now while the revision is in it); null if never entered. */
  seconds: number | null;
  /** Whether the revision is in this state now. */
  current: boolean;
}

/**
 * Each stepper state's latest stay, from the revision's timestamped durations. A crashed replica
 * sends a ready revision back through `starting`: the latest stay is the one that says how it is now.
 */
export function stepDurations(revision: Pick<ServiceRevisionDetail, "durations">): StepDuration[] {
  return STEPPER_STATES.map((state) => {
    const stays = revision.durations.filter((d) => d.state === state);
    const last = stays[stays.length - 1];
    return { state, seconds: last ? last.seconds : null, current: Boolean(last && last.left_at === null) };
  });
}

/** The stepper state a failed revision failed in: the last one it was in before `failed`. */
export function failedAt(revision: Pick<ServiceRevisionDetail, "durations">): StepperState | null {
  const before = [...revision.durations].reverse().find((d) => d.state !== "failed");
  return before && (STEPPER_STATES as readonly string[]).includes(before.state)
    ? (before.state as StepperState)
    : null;
}

/** 12s, 3m 05s, 2h 00m 10s, 3d 4h. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m ${pad(r)}s`;
  if (m > 0) return `${m}m ${pad(r)}s`;
  return `${r}s`;
}
