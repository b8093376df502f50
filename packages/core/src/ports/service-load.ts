/**
 * The load of serving revisions, as the gateway sees it (issue 11's autoscaler, decision 0028). The
 * gateway counts requests per revision in memory and reports them now and then (`report`); a
 * request for a revision that has no ready replica (scaled to zero) calls `demand` and waits. The
 * autoscaler of the replica manager reads `current`. The gateway and the worker may be different
 * processes (`infera serve --role api` and `--role worker`), so the implementation in core keeps
 * both in the database (`databaseServiceLoad`).
 */

export interface ServiceLoadSample {
  revisionId: string;
  /** The reporting process (a gateway instance): its samples replace its own earlier ones only. */
  source: string;
  /** Requests to the revision in flight at `at`. */
  inFlight: number;
  /** Requests per second over the reporter's last window. */
  requestsPerSecond: number;
  at?: Date;
}

export interface RevisionLoad {
  inFlight: number;
  requestsPerSecond: number;
}

export interface ServiceLoad {
  /** Replaces this source's sample of the revision. */
  report(sample: ServiceLoadSample): Promise<void>;
  /** The revision's load: the sum of every source's fresh sample (stale ones count as none). */
  current(revisionId: string): Promise<RevisionLoad>;
  /**
   * A request wants the revision: one scaled to zero gets one replica wanted at once (a cold start
   * is timed from here to its replica's ready) and a replica manager pass is asked for.
   * Answers whether that started a cold start (false: a replica is ready, or one was already asked for).
   */
  demand(revisionId: string): Promise<{ coldStart: boolean }>;
}
