import { z } from "zod";

/**
 * The job catalog: every kind of work the workload plane runs, with the payload it carries, how
 * often it is retried and how long a worker's lease on it lasts between heartbeats. The queue
 * refuses an enqueue whose kind is not here or whose payload does not parse, so a job that reaches a
 * worker is always one it can read. Adding a kind: define it below with `defineJobKind`, add it to
 * `jobCatalog`, and give the worker a handler (apps/worker/src/jobs/<noun-verb>.ts).
 */

/** How a failed attempt is retried: after `backoffSeconds`, doubling per attempt up to `maxBackoffSeconds`. */
export interface RetryPolicy {
  /** Attempts in all, the first included; the last failure (or a lease lost on it) is a dead letter. */
  maxAttempts: number;
  backoffSeconds: number;
  maxBackoffSeconds: number;
}

export interface JobKindDefinition<K extends string = string, P extends z.ZodType = z.ZodType> {
  /** Dotted, lower case: `housekeeping.upload_sweep`, `fine_tuning.job.run`. */
  kind: K;
  payload: P;
  retry: RetryPolicy;
  /** How long a lease lasts without a heartbeat; workers renew it every third of it. */
  leaseSeconds: number;
  description: string;
}

/** Dotted lower-case words: `noun.verb`, `noun.sub_noun.verb`. */
export const JOB_KIND_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Checks a definition once, where it is written: a bad name or policy fails at import, not at enqueue. */
export function defineJobKind<const K extends string, P extends z.ZodType>(
  def: JobKindDefinition<K, P>,
): JobKindDefinition<K, P> {
  if (!JOB_KIND_PATTERN.test(def.kind)) throw new Error(`job kind ${def.kind}: use dotted lower-case words`);
  const { maxAttempts, backoffSeconds, maxBackoffSeconds } = def.retry;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error(`job kind ${def.kind}: maxAttempts must be a whole number of at least 1`);
  if (!(backoffSeconds >= 0 && maxBackoffSeconds >= backoffSeconds))
    throw new Error(`job kind ${def.kind}: need 0 <= backoffSeconds <= maxBackoffSeconds`);
  if (!(def.leaseSeconds > 0)) throw new Error(`job kind ${def.kind}: leaseSeconds must be positive`);
  return def;
}

/** Seconds to wait before the attempt after `attempt` (1-based) failed: exponential, capped. */
export function retryDelaySeconds(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffSeconds, policy.backoffSeconds * 2 ** Math.max(0, attempt - 1));
}

/** Housekeeping takes no input: the run itself finds what is due. */
const NoPayload = z.strictObject({});

/** Light sweeps: retried a couple of times a minute apart; the next scheduled run comes anyway. */
const sweepRetry: RetryPolicy = { maxAttempts: 3, backoffSeconds: 30, maxBackoffSeconds: 300 };

export const jobCatalog = {
  "housekeeping.upload_sweep": defineJobKind({
    kind: "housekeeping.upload_sweep",
    payload: NoPayload,
    retry: sweepRetry,
    leaseSeconds: 30,
    description: "Expire uploads past their expiry time and remove orphaned partial files",
  }),
  "housekeeping.planner_statistics": defineJobKind({
    kind: "housekeeping.planner_statistics",
    payload: NoPayload,
    retry: sweepRetry,
    leaseSeconds: 30,
    description: "ANALYZE on the embedded PGlite, which has no autovacuum (nothing to do on PostgreSQL)",
  }),
  "housekeeping.audit_anchor": defineJobKind({
    kind: "housekeeping.audit_anchor",
    payload: NoPayload,
    retry: sweepRetry,
    leaseSeconds: 30,
    description: "Sign the head of every audit chain that moved into the anchor file",
  }),
  "housekeeping.blob_gc": defineJobKind({
    kind: "housekeeping.blob_gc",
    payload: NoPayload,
    retry: { maxAttempts: 3, backoffSeconds: 300, maxBackoffSeconds: 3600 },
    leaseSeconds: 60,
    description: "Delete blobs nothing references any more, older than the grace period",
  }),
  "housekeeping.queue_prune": defineJobKind({
    kind: "housekeeping.queue_prune",
    payload: z.strictObject({
      succeeded_days: z.number().int().min(1).max(3650).default(7),
      dead_days: z.number().int().min(1).max(3650).default(30),
    }),
    retry: sweepRetry,
    leaseSeconds: 60,
    description: "Delete finished work items: succeeded ones after a week, dead letters after a month",
  }),
  "fine_tuning.schedule": defineJobKind({
    kind: "fine_tuning.schedule",
    payload: NoPayload,
    retry: { maxAttempts: 3, backoffSeconds: 5, maxBackoffSeconds: 60 },
    leaseSeconds: 30,
    description: "One scheduling pass: place queued fine-tuning jobs on nodes with free capacity",
  }),
  "fine_tuning.retention": defineJobKind({
    kind: "fine_tuning.retention",
    payload: NoPayload,
    retry: sweepRetry,
    leaseSeconds: 120,
    description:
      "Remove the workspaces (checkpoints, inputs) and log lines of jobs finished longer ago than their project keeps them",
  }),
  "services.reconcile": defineJobKind({
    kind: "services.reconcile",
    payload: NoPayload,
    // A pass cut off midway is simply run again: it reads what runs from the records on disk.
    retry: { maxAttempts: 3, backoffSeconds: 5, maxBackoffSeconds: 60 },
    leaseSeconds: 120,
    description:
      "One replica manager pass on this worker's node: place replicas across nodes, then start, health-check, adopt, restart and stop this node's",
  }),
  "services.check_upstreams": defineJobKind({
    kind: "services.check_upstreams",
    payload: NoPayload,
    // Checks are repeated every few seconds anyway: a failed pass needs no long retry.
    retry: { maxAttempts: 2, backoffSeconds: 5, maxBackoffSeconds: 10 },
    leaseSeconds: 60,
    description:
      "Health of openai-compatible revisions: GET {base_url}/v1/models with the stored key; ready, failed after repeated failures, ready again",
  }),
  "services.metrics": defineJobKind({
    kind: "services.metrics",
    payload: NoPayload,
    // Each scrape commits per replica against the snapshot it finds: a run cut off is run again whole.
    retry: { maxAttempts: 2, backoffSeconds: 5, maxBackoffSeconds: 30 },
    leaseSeconds: 60,
    description:
      "Scrape the ready replicas of this worker's node (their /metrics, CPU and memory) into one row per replica per minute",
  }),
  "services.metrics_prune": defineJobKind({
    kind: "services.metrics_prune",
    payload: z.strictObject({ days: z.number().int().min(1).max(365).default(7) }),
    retry: sweepRetry,
    leaseSeconds: 60,
    description: "Delete service metric minute rows older than the retention (7 days)",
  }),
  "services.logs_prune": defineJobKind({
    kind: "services.logs_prune",
    payload: z.strictObject({ days: z.number().int().min(1).max(3650).default(7) }),
    retry: sweepRetry,
    leaseSeconds: 120,
    description:
      "Delete service replica log lines older than the retention (INFERA_SERVICE_LOG_RETENTION_DAYS, 7 days), in batches; each replica's newest line stays",
  }),
  "notifications.prune": defineJobKind({
    kind: "notifications.prune",
    payload: z.strictObject({ days: z.number().int().min(1).max(3650).default(90) }),
    retry: sweepRetry,
    leaseSeconds: 120,
    description:
      "Delete notifications older than the retention (INFERA_NOTIFICATION_RETENTION_DAYS, 90 days), read or not, in batches",
  }),
  "fine_tuning.job.run": defineJobKind({
    kind: "fine_tuning.job.run",
    payload: z.strictObject({
      job_id: z.string().min(1),
      /** The job's attempt when it was placed: a run item of an older attempt finds nothing to do. */
      attempt: z.number().int().min(1),
    }),
    // A lost lease (the worker died) is an attempt too: the next one resumes from the checkpoint;
    // after the last the job ends failed with node_lost.
    retry: { maxAttempts: 3, backoffSeconds: 5, maxBackoffSeconds: 60 },
    leaseSeconds: 60,
    description: "Train one placed fine-tuning job on this worker's node, from its last checkpoint",
  }),
  "evaluation.run": defineJobKind({
    kind: "evaluation.run",
    payload: z.strictObject({ run_id: z.string().min(1) }),
    // Samples already scored are kept: a retried (or reclaimed) run generates only what is missing.
    retry: { maxAttempts: 3, backoffSeconds: 5, maxBackoffSeconds: 60 },
    leaseSeconds: 60,
    description: "Generate and score an evaluation run's samples, then summarize it (and decide its gate)",
  }),
  "usage.ship": defineJobKind({
    kind: "usage.ship",
    payload: NoPayload,
    // Shipping is idempotent (records by id, rollups from what was inserted): a cut-off pass is run again.
    retry: { maxAttempts: 3, backoffSeconds: 5, maxBackoffSeconds: 60 },
    leaseSeconds: 60,
    description:
      "Seal this process's usage journal segment when it is old enough and ship every sealed segment to usage_records and usage_minutes",
  }),
  "usage.retention": defineJobKind({
    kind: "usage.retention",
    payload: z.strictObject({
      /** Raw usage records older than this many days are deleted; the per-minute rollups stay. */
      raw_days: z.number().int().min(1),
    }),
    retry: sweepRetry,
    leaseSeconds: 120,
    description: "Delete raw usage records older than the retention period (rollups are kept)",
  }),
  "webhook.deliver": defineJobKind({
    kind: "webhook.deliver",
    payload: z.strictObject({
      delivery_id: z.string().min(1),
      /** The delivery's attempt this item makes: an item whose attempt is already recorded does nothing. */
      attempt: z.number().int().min(1),
    }),
    // The delivery's own schedule (30 s, 2 min, 10 min, 1 h, 6 h) decides its retries: each attempt
    // that gets an answer ends its item and enqueues the next one. The queue's retries only cover an
    // attempt cut off by a crash or a lost lease.
    retry: { maxAttempts: 3, backoffSeconds: 10, maxBackoffSeconds: 60 },
    leaseSeconds: 30,
    description: "POST one signed webhook event to its endpoint and record the attempt",
  }),
} as const;

export type JobKind = keyof typeof jobCatalog;
/** What a caller passes to enqueue a kind (defaults may be left out). */
export type JobPayloadInput<K extends JobKind> = z.input<(typeof jobCatalog)[K]["payload"]>;
/** What a handler receives: the payload after parsing. */
export type JobPayload<K extends JobKind> = z.output<(typeof jobCatalog)[K]["payload"]>;

export const WorkItemStatus = z.enum(["queued", "leased", "succeeded", "dead"]);
export type WorkItemStatus = z.infer<typeof WorkItemStatus>;
