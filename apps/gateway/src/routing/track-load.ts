import type { ServiceLoad } from "@infera/core";

export interface LoadTracker {
  /** A call to the revision (on the replica, if any) begins; the returned function ends it (once). */
  begin(revisionId: string, replicaId: string | null): () => void;
  replicaInFlight(replicaId: string): number;
  revisionInFlight(revisionId: string): number;
}

interface RevisionCounters {
  inFlight: number;
  /** Calls started since the last report. */
  started: number;
}

/**
 * This process's calls in flight per replica (the least-loaded choice) and per revision, reported
 * to the autoscaler through `ServiceLoad.report` at most every `reportEveryMs`, triggered by calls
 * starting — no timer while idle. When a revision's last call ends, one more report is sent (after
 * the interval, by a one-shot timeout) so its load decays to zero instead of staying at the last sample.
 */
export function createLoadTracker(opts: {
  serviceLoad: ServiceLoad;
  source: string;
  reportEveryMs: number;
  nowMs?: () => number;
  log?: { warn(obj: object, msg: string): void };
}): LoadTracker & { close(): Promise<void> } {
  const nowMs = opts.nowMs ?? Date.now;
  const replicas = new Map<string, number>();
  const revisions = new Map<string, RevisionCounters>();
  let lastReportAt = nowMs();
  let reporting: Promise<void> | null = null;
  let trailing: NodeJS.Timeout | null = null;

  const report = () => {
    if (reporting) return;
    const at = nowMs();
    const seconds = Math.max(0.001, (at - lastReportAt) / 1000);
    lastReportAt = at;
    const samples = [...revisions].map(([revisionId, c]) => {
      const sample = {
        revisionId,
        source: opts.source,
        inFlight: c.inFlight,
        requestsPerSecond: c.started / seconds,
      };
      c.started = 0;
      return sample;
    });
    // A revision idle and reported at zero is forgotten: the map holds only what moves.
    for (const [id, c] of revisions) if (c.inFlight === 0) revisions.delete(id);
    reporting = Promise.all(samples.map((s) => opts.serviceLoad.report(s)))
      .then(() => undefined)
      .catch((err: Error) => opts.log?.warn({ err: err.message }, "service load report failed"))
      .finally(() => {
        reporting = null;
      });
  };
  const maybeReport = () => {
    if (nowMs() - lastReportAt >= opts.reportEveryMs) report();
  };
  const scheduleTrailing = () => {
    if (trailing) return;
    const wait = Math.max(0, opts.reportEveryMs - (nowMs() - lastReportAt));
    trailing = setTimeout(() => {
      trailing = null;
      report();
    }, wait);
    trailing.unref();
  };

  return {
    begin(revisionId, replicaId) {
      const c = revisions.get(revisionId) ?? { inFlight: 0, started: 0 };
      revisions.set(revisionId, c);
      c.inFlight += 1;
      c.started += 1;
      if (replicaId) replicas.set(replicaId, (replicas.get(replicaId) ?? 0) + 1);
      maybeReport();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        c.inFlight -= 1;
        if (!revisions.has(revisionId)) revisions.set(revisionId, c);
        if (replicaId) {
          const left = (replicas.get(replicaId) ?? 1) - 1;
          if (left > 0) replicas.set(replicaId, left);
          else replicas.delete(replicaId);
        }
        if (c.inFlight === 0) scheduleTrailing();
      };
    },
    replicaInFlight: (replicaId) => replicas.get(replicaId) ?? 0,
    revisionInFlight: (revisionId) => revisions.get(revisionId)?.inFlight ?? 0,
    async close() {
      if (trailing) clearTimeout(trailing);
      trailing = null;
      await reporting;
      if (revisions.size) report();
      await reporting;
    },
  };
}
