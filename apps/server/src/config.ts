import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Everything Infera reads from the environment, parsed once at boot into a frozen object. */
export interface InferaConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string;
  adminPassword: string | undefined;
  publicUrl: string;
  logLevel: string;
  /** Largest JSON body the API accepts (uploads have their own limit). */
  maxBodyBytes: number;
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy). */
  trustProxy: boolean;
  webDir: string | undefined;
  /** smtp://user:pass@host:port or smtps://…; unset → invitation links are only shown, not mailed. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where blobs live: `file:///path` (default `file://<dataDir>/blobs`) or `s3://bucket/prefix`. */
  blobUrl: string;
  /** S3 connection details, used when blobUrl is s3://. */
  s3: {
    endpoint: string | undefined;
    region: string | undefined;
    forcePathStyle: boolean;
    /** From the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN; unset → the SDK's chain. */
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  };
  /** Blobs modified more recently than this many minutes are never garbage-collected. */
  blobGcGraceMinutes: number;
  /** Partial uploads' files (default: `uploads` inside a local blob folder, so completing is a rename). */
  uploadDir: string;
  /** Largest file one upload may declare (INFERA_MAX_UPLOAD_BYTES, default 50 GiB). */
  maxUploadBytes: number;
  /** An upload that receives no bytes for this many hours expires (INFERA_UPLOAD_EXPIRY_HOURS, default 24). */
  uploadExpiryHours: number;
  /** Ed25519 key that signs audit anchors (INFERA_AUDIT_KEY_FILE, default `<dataDir>/audit.key`, made on first start). */
  auditKeyFile: string;
  /** AES-256 key that seals stored secrets such as upstream API keys (INFERA_SECRETS_KEY_FILE, default `<dataDir>/secrets.key`, made on first start). */
  secretsKeyFile: string;
  /** Append-only file of signed audit anchors (INFERA_AUDIT_ANCHOR_FILE, default `<dataDir>/audit-anchors.jsonl`). */
  auditAnchorFile: string;
  /** Minutes between anchoring runs (INFERA_AUDIT_ANCHOR_INTERVAL_MINUTES, default 5). */
  auditAnchorIntervalMinutes: number;
  /** Hours between scheduled blob garbage collections; 0 turns them off (INFERA_BLOB_GC_INTERVAL_HOURS, default 24). */
  blobGcIntervalHours: number;
  /** Jobs one worker runs at once (INFERA_WORKER_CONCURRENCY, default 4). */
  workerConcurrency: number;
  /** Milliseconds an idle worker waits before asking the queue again (INFERA_WORKER_POLL_MS, default 1000). */
  workerPollMs: number;
  /** Seconds a stopping worker lets running jobs finish before it aborts them (INFERA_WORKER_GRACE_SECONDS, default 10). */
  workerGraceSeconds: number;
  /** Where fine-tuning jobs train: one folder per job (INFERA_WORKSPACE_DIR, default `<dataDir>/workspaces`). */
  workspaceDir: string;
  /** Seconds a stopping training run has to write its checkpoint before it is killed (INFERA_FINETUNE_STOP_GRACE_SECONDS, default 30). */
  fineTuneStopGraceSeconds: number;
  /**
   * Checkpoints of a job kept in the blob store, newest steps first; older copies are released as
   * newer ones are stored (INFERA_FINETUNE_STORED_CHECKPOINTS, default 2).
   */
  storedCheckpointsKept: number;
  /** How often a training run's reported events are written (INFERA_FINETUNE_EVENT_FLUSH_MS, default 200). */
  fineTuneEventFlushMs: number;
  /** INFERA_FINETUNE_MAX_CONCURRENT (8), INFERA_FINETUNE_MAX_PER_USER (1), INFERA_FINETUNE_MAX_PER_PROJECT (0: none). */
  fineTuneLimits: { maxConcurrent: number; maxPerUser: number; maxPerProject: number };
  /** Replicas of services this node runs at most; 0 turns the replica manager off (INFERA_MAX_REPLICAS, default 8). */
  maxReplicas: number;
  /**
   * How often openai-compatible revisions' upstreams are checked (`GET {base_url}/v1/models`); 0
   * turns the checks off (INFERA_UPSTREAM_CHECK_SECONDS, default 5).
   */
  upstreamCheckSeconds: number;
  /** Where replicas' records, ready files and logs live (INFERA_REPLICA_DIR, default `<dataDir>/replicas`). */
  replicaDir: string;
  /** Model files of replicas by digest (INFERA_MODEL_CACHE_DIR, default `<dataDir>/model-cache`). */
  modelCacheDir: string;
  /** Seconds a stopping replica has before SIGKILL (INFERA_REPLICA_STOP_GRACE_SECONDS, default 10). */
  replicaStopGraceSeconds: number;
  /** How often this node's replicas are scraped into the minute rows; 0 turns it off (INFERA_SERVICE_METRICS_INTERVAL_SECONDS, default 60). */
  serviceMetricsIntervalSeconds: number;
  /**
   * A crashed replica waits base·2^restarts before its restart, at most max
   * (INFERA_REPLICA_RESTART_BACKOFF_MS, default 1000; INFERA_REPLICA_RESTART_BACKOFF_MAX_MS, default 60000).
   */
  replicaRestartBackoff: { baseMs: number; maxMs: number };
  /** Restarts of a crashed replica before its revision fails (INFERA_REPLICA_MAX_RESTARTS, default 3). */
  replicaMaxRestarts: number;
  /** This machine's node name, the same across restarts (INFERA_NODE_NAME, default the hostname). */
  nodeName: string;
  /**
   * Where gateways on other machines reach this node's replicas (INFERA_NODE_ADDRESS, default
   * 127.0.0.1: one machine). Replicas bind it, so set it to an address only your network reaches.
   */
  nodeAddress: string;
  /** How long a request to a revision scaled to zero is held for its cold start (INFERA_COLD_START_TIMEOUT_SECONDS, default 120). */
  coldStartTimeoutSeconds: number;
  /**
   * Upstream silence the gateway tolerates, before the first header and between body bytes
   * (INFERA_GATEWAY_UPSTREAM_TIMEOUT_SECONDS, default 600: long generations are never cut).
   */
  gatewayUpstreamTimeoutSeconds: number;
  /**
   * Gateway processes one `serve --role gateway` runs on this machine, sharing its port (Node's
   * cluster); more than 1 needs PostgreSQL and Redis (decision 0044, gw-scale). INFERA_GATEWAY_PROCESSES, default 1.
   */
  gatewayProcesses: number;
  /** The gateway's usage journal, on local disk (INFERA_USAGE_JOURNAL_DIR, default `<dataDir>/usage-journal`). */
  usageJournalDir: string;
  /** Seconds a journal segment stays open before it is sealed and shipped (INFERA_USAGE_SEGMENT_SECONDS, default 5). */
  usageSegmentSeconds: number;
  /** Days service replica log lines are kept (INFERA_SERVICE_LOG_RETENTION_DAYS, default 7). */
  serviceLogRetentionDays: number;
  /** Days notifications are kept, read or not (INFERA_NOTIFICATION_RETENTION_DAYS, default 90). */
  notificationRetentionDays: number;
  /** Days raw usage records are kept; rollups stay (INFERA_USAGE_RAW_RETENTION_DAYS, default 30). */
  usageRawRetentionDays: number;
  /**
   * Redis shared by the gateway processes for API keys' RPM and daily token counters
   * (INFERA_REDIS_URL, `redis://` or `rediss://`); unset → each process counts alone, exact for one.
   */
  redisUrl: string | undefined;
  /** Every Redis key Infera writes starts with it, so one Redis can serve several installs (INFERA_REDIS_PREFIX, default `infera:`). */
  redisPrefix: string;
  /**
   * While Redis is unavailable: `open` (default) serves calls with each process holding the limits
   * alone; `closed` refuses calls of keys with limits (503). Decision 0034 (INFERA_REDIS_FAIL_MODE).
   */
  redisFailMode: "open" | "closed";
  /** Seconds without a sign of life after which a node is offline and its jobs move (INFERA_NODE_OFFLINE_SECONDS, default 30). */
  nodeOfflineSeconds: number;
  /** CPUs and memory the node offers the scheduler; 0 = what the machine has (INFERA_NODE_CPUS, INFERA_NODE_MEMORY_BYTES). */
  nodeCpus: number;
  nodeMemoryBytes: number;
  /**
   * Webhook retries: the first retry's delay (INFERA_WEBHOOK_RETRY_BASE_MS, default 30000; later ones
   * are 4, 20, 120 and 720 times it), attempts in all (INFERA_WEBHOOK_MAX_ATTEMPTS, default 6) and how
   * long one attempt waits for the receiver's answer (INFERA_WEBHOOK_TIMEOUT_SECONDS, default 10).
   */
  webhooks: { retryBaseMs: number; maxAttempts: number; timeoutSeconds: number };
}

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<InferaConfig> {
  const host = env.INFERA_HOST || "127.0.0.1";
  const port = intVar(env, "INFERA_PORT", 8080, 0, 65535);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql://");
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const dataDir = resolve(env.INFERA_DATA_DIR || ".infera");
  const blobUrl = parseBlobUrl(env.INFERA_BLOB_URL, dataDir);
  return Object.freeze({
    host,
    port,
    dataDir,
    databaseUrl,
    adminEmail: env.INFERA_ADMIN_EMAIL || "admin@localhost",
    adminPassword: env.INFERA_ADMIN_PASSWORD || undefined,
    publicUrl: (env.INFERA_PUBLIC_URL || `http://${shownHost}:${port}`).replace(/\/$/, ""),
    logLevel: env.INFERA_LOG_LEVEL || "info",
    maxBodyBytes: intVar(env, "INFERA_MAX_BODY_BYTES", 1024 * 1024, 1024, 1024 * 1024 * 1024),
    trustProxy: env.INFERA_TRUST_PROXY === "1" || env.INFERA_TRUST_PROXY === "true",
    webDir: env.INFERA_WEB_DIR || undefined,
    smtpUrl: parseSmtpUrl(env.INFERA_SMTP_URL),
    mailFrom: env.INFERA_MAIL_FROM || "Infera <infera@localhost>",
    blobUrl,
    s3: {
      endpoint: parseEndpoint(env.INFERA_S3_ENDPOINT),
      region: env.INFERA_S3_REGION || env.AWS_REGION || undefined,
      forcePathStyle: env.INFERA_S3_FORCE_PATH_STYLE === "1" || env.INFERA_S3_FORCE_PATH_STYLE === "true",
      credentials:
        env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
          ? {
              accessKeyId: env.AWS_ACCESS_KEY_ID,
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
              sessionToken: env.AWS_SESSION_TOKEN || undefined,
            }
          : undefined,
    },
    blobGcGraceMinutes: intVar(env, "INFERA_BLOB_GC_GRACE_MINUTES", 60, 0, 525_600),
    uploadDir: resolve(env.INFERA_UPLOAD_DIR || defaultUploadDir(blobUrl, dataDir)),
    maxUploadBytes: intVar(env, "INFERA_MAX_UPLOAD_BYTES", 50 * 1024 ** 3, 0, Number.MAX_SAFE_INTEGER),
    uploadExpiryHours: intVar(env, "INFERA_UPLOAD_EXPIRY_HOURS", 24, 1, 24 * 365),
    auditKeyFile: resolve(env.INFERA_AUDIT_KEY_FILE || join(dataDir, "audit.key")),
    secretsKeyFile: resolve(env.INFERA_SECRETS_KEY_FILE || join(dataDir, "secrets.key")),
    auditAnchorFile: resolve(env.INFERA_AUDIT_ANCHOR_FILE || join(dataDir, "audit-anchors.jsonl")),
    auditAnchorIntervalMinutes: intVar(env, "INFERA_AUDIT_ANCHOR_INTERVAL_MINUTES", 5, 1, 24 * 60),
    blobGcIntervalHours: intVar(env, "INFERA_BLOB_GC_INTERVAL_HOURS", 24, 0, 24 * 365),
    workerConcurrency: intVar(env, "INFERA_WORKER_CONCURRENCY", 4, 1, 256),
    workerPollMs: intVar(env, "INFERA_WORKER_POLL_MS", 1000, 50, 60_000),
    workerGraceSeconds: intVar(env, "INFERA_WORKER_GRACE_SECONDS", 10, 0, 3600),
    workspaceDir: resolve(env.INFERA_WORKSPACE_DIR || join(dataDir, "workspaces")),
    fineTuneStopGraceSeconds: intVar(env, "INFERA_FINETUNE_STOP_GRACE_SECONDS", 30, 1, 3600),
    storedCheckpointsKept: intVar(env, "INFERA_FINETUNE_STORED_CHECKPOINTS", 2, 1, 1000),
    maxReplicas: intVar(env, "INFERA_MAX_REPLICAS", 8, 0, 1000),
    upstreamCheckSeconds: intVar(env, "INFERA_UPSTREAM_CHECK_SECONDS", 5, 0, 3600),
    replicaDir: resolve(env.INFERA_REPLICA_DIR || join(dataDir, "replicas")),
    modelCacheDir: resolve(env.INFERA_MODEL_CACHE_DIR || join(dataDir, "model-cache")),
    replicaStopGraceSeconds: intVar(env, "INFERA_REPLICA_STOP_GRACE_SECONDS", 10, 1, 3600),
    serviceMetricsIntervalSeconds: intVar(env, "INFERA_SERVICE_METRICS_INTERVAL_SECONDS", 60, 0, 3600),
    replicaRestartBackoff: {
      baseMs: intVar(env, "INFERA_REPLICA_RESTART_BACKOFF_MS", 1000, 0, 3_600_000),
      maxMs: intVar(env, "INFERA_REPLICA_RESTART_BACKOFF_MAX_MS", 60_000, 0, 86_400_000),
    },
    replicaMaxRestarts: intVar(env, "INFERA_REPLICA_MAX_RESTARTS", 3, 0, 1000),
    fineTuneEventFlushMs: intVar(env, "INFERA_FINETUNE_EVENT_FLUSH_MS", 200, 20, 10_000),
    fineTuneLimits: {
      // 0 stops new jobs from starting (a maintenance pause); queued ones wait.
      maxConcurrent: intVar(env, "INFERA_FINETUNE_MAX_CONCURRENT", 8, 0, 10_000),
      maxPerUser: intVar(env, "INFERA_FINETUNE_MAX_PER_USER", 1, 0, 10_000),
      maxPerProject: intVar(env, "INFERA_FINETUNE_MAX_PER_PROJECT", 0, 0, 10_000),
    },
    nodeName: parseNodeName(env.INFERA_NODE_NAME),
    nodeAddress: parseNodeAddress(env.INFERA_NODE_ADDRESS),
    coldStartTimeoutSeconds: intVar(env, "INFERA_COLD_START_TIMEOUT_SECONDS", 120, 1, 3600),
    gatewayUpstreamTimeoutSeconds: intVar(env, "INFERA_GATEWAY_UPSTREAM_TIMEOUT_SECONDS", 600, 1, 86_400),
    gatewayProcesses: intVar(env, "INFERA_GATEWAY_PROCESSES", 1, 1, 64),
    usageJournalDir: resolve(env.INFERA_USAGE_JOURNAL_DIR || join(dataDir, "usage-journal")),
    usageSegmentSeconds: intVar(env, "INFERA_USAGE_SEGMENT_SECONDS", 5, 1, 3600),
    serviceLogRetentionDays: intVar(env, "INFERA_SERVICE_LOG_RETENTION_DAYS", 7, 1, 3650),
    notificationRetentionDays: intVar(env, "INFERA_NOTIFICATION_RETENTION_DAYS", 90, 1, 3650),
    usageRawRetentionDays: intVar(env, "INFERA_USAGE_RAW_RETENTION_DAYS", 30, 1, 3650),
    redisUrl: parseRedisUrl(env.INFERA_REDIS_URL),
    redisPrefix: parseRedisPrefix(env.INFERA_REDIS_PREFIX),
    redisFailMode: parseRedisFailMode(env.INFERA_REDIS_FAIL_MODE),
    nodeOfflineSeconds: intVar(env, "INFERA_NODE_OFFLINE_SECONDS", 30, 5, 86_400),
    nodeCpus: intVar(env, "INFERA_NODE_CPUS", 0, 0, 100_000),
    nodeMemoryBytes: intVar(env, "INFERA_NODE_MEMORY_BYTES", 0, 0, Number.MAX_SAFE_INTEGER),
    webhooks: {
      retryBaseMs: intVar(env, "INFERA_WEBHOOK_RETRY_BASE_MS", 30_000, 1, 86_400_000),
      maxAttempts: intVar(env, "INFERA_WEBHOOK_MAX_ATTEMPTS", 6, 1, 20),
      timeoutSeconds: intVar(env, "INFERA_WEBHOOK_TIMEOUT_SECONDS", 10, 1, 600),
    },
  });
}

function parseNodeName(raw: string | undefined): string {
  const name = (raw ?? "").trim() || hostname();
  if (name.length > 200 || /\s/.test(name))
    throw new ConfigError("INFERA_NODE_NAME must be at most 200 characters without spaces");
  return name;
}

/** Beside the blobs of a local store (same filesystem: a finished upload is renamed in), else in the data dir. */
function defaultUploadDir(blobUrl: string, dataDir: string): string {
  return blobUrl.startsWith("file:") ? join(fileURLToPath(blobUrl), "uploads") : join(dataDir, "uploads");
}

function parseBlobUrl(raw: string | undefined, dataDir: string): string {
  if (!raw) return pathToFileURL(join(dataDir, "blobs")).href;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`INFERA_BLOB_URL must be file:///path or s3://bucket/prefix (got "${raw}")`);
  }
  if (url.protocol === "file:") {
    if (url.host && url.host !== "localhost")
      throw new ConfigError("INFERA_BLOB_URL: a file:// URL names a local absolute path (file:///path)");
    return url.href;
  }
  if (url.protocol === "s3:") {
    if (!url.hostname) throw new ConfigError("INFERA_BLOB_URL: s3:// needs a bucket (s3://bucket/prefix)");
    return url.href;
  }
  throw new ConfigError(`INFERA_BLOB_URL must start with file:// or s3:// (got "${raw}")`);
}

function parseEndpoint(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^https?:\/\//.test(raw))
    throw new ConfigError("INFERA_S3_ENDPOINT must start with http:// or https://");
  return raw;
}

function parseRedisUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^rediss?:\/\/[^/]/.test(raw))
    throw new ConfigError("INFERA_REDIS_URL must be redis://[user:password@]host[:port][/db] or rediss://…");
  return raw;
}

function parseRedisPrefix(raw: string | undefined): string {
  if (raw === undefined) return "infera:";
  // Empty is allowed (a Redis of its own); spaces would make keys awkward to name in redis-cli.
  if (raw.length > 64 || !/^[\x21-\x7e]*$/.test(raw))
    throw new ConfigError("INFERA_REDIS_PREFIX must be at most 64 printable ASCII characters without spaces");
  return raw;
}

function parseRedisFailMode(raw: string | undefined): "open" | "closed" {
  if (!raw || raw === "open") return "open";
  if (raw === "closed") return "closed";
  throw new ConfigError(`INFERA_REDIS_FAIL_MODE must be open or closed (got "${raw}")`);
}

function parseSmtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^smtps?:\/\//.test(raw)) throw new ConfigError("INFERA_SMTP_URL must start with smtp:// or smtps://");
  return raw;
}

/** A host name, IPv4 or IPv6 address (no scheme, no port): what a replica binds and gateways dial. */
function parseNodeAddress(value: string | undefined): string {
  const address = value?.trim() || "127.0.0.1";
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(address))
    throw new ConfigError(
      `INFERA_NODE_ADDRESS must be a host name or an IP address, got ${JSON.stringify(value)}`,
    );
  return address;
}
