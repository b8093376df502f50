import type { JobKind, JobKindDefinition, JobPayloadInput } from "@infera/contracts";
import type { Executor, Transaction } from "@infera/db";

/** What enqueue needs of the caller: its open transaction (a TxContext is one). */
export interface InTransaction {
  db: Transaction;
  readonly inTransaction: true;
}

export interface EnqueueOptions {
  /** The same kind and key enqueued again returns the first item (`created: false`), whatever its state. */
  idempotencyKey?: string;
  /** Not before this many seconds from now (the database's clock). */
  delaySeconds?: number;
  /** Higher first; equal priorities in the order they became due. Default 0. */
  priority?: number;
  /** Only the worker of this node (its id) may take it; omitted: any worker of the kind. */
  targetNode?: string;
}

export interface LeaseOptions {
  /** The asking worker's node: it takes untargeted items and those targeted at this node only. */
  node?: string;
}

export interface EnqueueResult {
  id: string;
  created: boolean;
}

/**
 * The fencing token of one attempt: heartbeat, complete, fail and release act only while the item is
 * still leased by this owner for this attempt, so a worker whose lease was taken over (it stalled
 * past the expiry) can no longer change the item.
 */
export interface JobLease {
  id: string;
  kind: string;
  owner: string;
  attempt: number;
}

export interface LeasedJob extends JobLease {
  /** As stored: the worker parses it with the kind's schema before running it. */
  payload: unknown;
  maxAttempts: number;
  leaseSeconds: number;
  /** The error of the previous attempt, when this one is a retry. */
  lastError: string | null;
}

export type FailOutcome =
  /** Queued again after the kind's backoff. */
  | { status: "retry"; delaySeconds: number }
  /** No attempts left (or `final`): a dead letter keeping the error. */
  | { status: "dead" }
  /** The lease was no longer this attempt's: nothing changed. */
  | { status: "lost" };

/** An item the queue just made a dead letter: its attempts are used up (or its failure was final). */
export interface DeadLetter {
  id: string;
  kind: string;
  payload: unknown;
  /** Attempts the item made, the last included. */
  attempts: number;
  /** Why it died: the handler's error, or the expired lease. */
  lastError: string | null;
}

/**
 * A core verb that ends, in the domain, what a dead item was doing (a webhook delivery the worker
 * never completed ends `failed` instead of `pending` forever). The queue runs it in the transaction
 * that makes the item dead, so a crash between the two cannot leave one without the other; if it
 * throws, the item stays as it was and the queue tries again on its next pass.
 */
export type DeadLetterHook = (db: Executor, item: DeadLetter) => Promise<void>;

export interface ScheduleSpec {
  /** Stable name, one row per name: `housekeeping.upload_sweep`. */
  name: string;
  kind: string;
  payload: unknown;
  intervalSeconds: number;
  /**
   * Make it due now (the sweeps that should run whenever a worker starts); otherwise a new schedule
   * first runs one interval from now and an existing one keeps its time (brought forward if the
   * interval shrank).
   */
  dueNow?: boolean;
  /**
   * One schedule per node (decision 0033): work that must run on every node, such as scraping the
   * node's own replicas. The worker of each node ensures its own copy (`<name>:<node id>` with
   * `targetNode`); a worker without a node skips it.
   */
  perNode?: boolean;
  /**
   * A node's own schedule: ticked only by that node's worker (so a node that is gone enqueues
   * nothing), its items targeted at that node. Set by the worker for a `perNode` spec.
   */
  targetNode?: string;
}

/**
 * The workload plane's persistent queue (decision 0013). Verbs hand work to it with `enqueue` inside
 * their own transaction, so the work exists exactly when the domain change and its audit event do;
 * workers lease, heartbeat and finish items. Times are the database's clock, shared by every process.
 */
export interface JobQueue {
  /** Every kind this queue accepts: the catalog, plus any a caller added (tests). */
  readonly kinds: ReadonlyMap<string, JobKindDefinition>;
  /** Validates the payload against the kind's schema (validation_error naming the fields otherwise). */
  enqueue<K extends string>(
    tx: InTransaction,
    kind: K,
    payload: K extends JobKind ? JobPayloadInput<K> : unknown,
    opts?: EnqueueOptions,
  ): Promise<EnqueueResult>;
  /**
   * Enqueues many items of one kind in one write, each as `enqueue` would (same checks, same
   * idempotency: a key already taken returns the first item, `created: false`), with one wake-up of
   * the workers for all of them; results in the order given.
   */
  enqueueMany<K extends string>(
    tx: InTransaction,
    kind: K,
    items: readonly {
      payload: K extends JobKind ? JobPayloadInput<K> : unknown;
      opts?: EnqueueOptions;
    }[],
  ): Promise<EnqueueResult[]>;
  /**
   * Takes up to `limit` items of these kinds that are due, or whose lease expired, for `owner`:
   * each is a new attempt. An expired lease on an item without attempts left makes it dead instead.
   * An item targeted at a node goes only to a worker asking with that node.
   */
  lease(owner: string, kinds: readonly string[], limit: number, opts?: LeaseOptions): Promise<LeasedJob[]>;
  /** Extends the lease by the item's lease time; false when it is no longer this attempt's. */
  heartbeat(lease: JobLease): Promise<boolean>;
  /** Marks it succeeded; false when the lease was lost (another attempt owns it now). */
  complete(lease: JobLease): Promise<boolean>;
  /** Retries after the kind's backoff, or makes a dead letter (`final`: at once) keeping `error`. */
  fail(lease: JobLease, error: string, opts?: { final?: boolean }): Promise<FailOutcome>;
  /** Gives an interrupted attempt back (a worker stopping): queued at once, the attempt not counted. */
  release(lease: JobLease): Promise<boolean>;
  /** The owners holding leases now whose name starts with `prefix` (one machine's workers). */
  leaseOwners(prefix: string): Promise<string[]>;
  /**
   * Ends these owners' leases now, as if they had run out (the owners are known dead: their process
   * is gone), so their items are taken over at once; returns how many.
   */
  expireLeases(owners: readonly string[]): Promise<number>;
  /** Creates or updates a recurring job. */
  ensureSchedule(spec: ScheduleSpec): Promise<void>;
  removeSchedule(name: string): Promise<boolean>;
  /**
   * Enqueues one item for every due schedule of these kinds and moves each to its next slot, exactly
   * once however many workers call it at the same time; returns the items it created. Schedules of
   * a node (`targetNode`) are ticked only when `node` is theirs.
   */
  enqueueDueSchedules(kinds: readonly string[], opts?: { node?: string }): Promise<EnqueueResult[]>;
}
