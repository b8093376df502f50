import type { ProjectRole } from "@infera/contracts";
import type { Database } from "@infera/db";
import type { AuditAnchoring } from "../audit/audit-anchoring.js";
import type { BlobStore } from "../ports/blob-store.js";
import type { ChangeFeed } from "../ports/change-feed.js";
import type { DatasetTokenizers } from "../ports/dataset-tokenizers.js";
import type { InferenceCaller } from "../ports/inference-caller.js";
import type { JobQueue } from "../ports/job-queue.js";
import type { SecretSealer } from "../ports/secret-sealer.js";
import type { UploadService } from "../uploads/upload-service.js";
import type { PasswordHashCost } from "./crypto.js";
import type { Mailer } from "./mailer.js";
import type { CoreRegistry } from "./registry.js";

export type Principal =
  | { type: "anonymous" }
  | { type: "user"; userId: string; email: string; isPlatformAdmin: boolean; sessionId: string | null }
  | {
      type: "service_account";
      serviceAccountId: string;
      tokenId: string;
      name: string;
      projectId: string;
      tenantId: string;
      role: ProjectRole;
    };

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CoreSettings {
  /** Base URL users reach the console at; invitation links start with it. */
  publicUrl: string;
  sessionTtlHours: number;
  tokenTtlDays: number;
  passwordHashCost: PasswordHashCost;
  /** Blobs modified more recently than this are never collected (default 60). */
  blobGcGraceMinutes?: number;
  /** How many fine-tuning jobs run at once (FINE_TUNE_LIMIT_DEFAULTS when absent). */
  fineTuning?: FineTuneLimits;
  /** Seconds without a sign of life after which a node is offline and its jobs are requeued (default 30). */
  nodeOfflineSeconds?: number;
  /** Webhook delivery retries (WEBHOOK_DEFAULTS when absent). */
  webhooks?: { retryBaseMs: number; maxAttempts: number };
  /** Where jobs' workspaces live (`INFERA_WORKSPACE_DIR`): checkpoints are read from there. */
  fineTuningWorkspaceDir?: string;
  /**
   * Checkpoints of a job kept in the blob store, newest steps first (default 2): storing one
   * releases the older copies (INFERA_FINETUNE_STORED_CHECKPOINTS).
   */
  storedCheckpointsKept?: number;
}

export interface FineTuneLimits {
  /** Jobs starting, running or stopping at once on the whole installation (seed 004: 8). */
  maxConcurrent: number;
  /** Per user or service account that submitted them (default 1). */
  maxPerUser: number;
  /** Per project; 0 = no limit beyond the others (default). */
  maxPerProject: number;
}

export const FINE_TUNE_LIMIT_DEFAULTS: FineTuneLimits = { maxConcurrent: 8, maxPerUser: 1, maxPerProject: 0 };

/**
 * The one way a verb reaches what lies outside the database: every port, built once by an app's
 * main.ts (checked there by `checkPorts`) and carried in every ServiceContext. A verb reads
 * `ctx.blobs`, never takes a port as an argument or imports a module-level one.
 */
export interface ServicePorts {
  /** Content-addressed artifact storage. */
  blobs: BlobStore;
  /** Resumable uploads: their folder, limits, running digests and per-upload locks. */
  uploads: UploadService;
  /** Real tokenizers for dataset token statistics (core never imports @infera/tokenizers). */
  tokenizers: DatasetTokenizers;
  /** Signing key and anchor log of the audit chains. */
  auditAnchoring: AuditAnchoring;
  /** The workload plane's persistent queue: verbs enqueue long-running work in their transaction. */
  queue: JobQueue;
  /** LISTEN/NOTIFY: wakes followers (notification streams) when a transaction they follow commits. */
  changes: ChangeFeed;
  /** Encrypts secrets kept to be used later (an upstream's API key), with a key outside the database. */
  secrets: SecretSealer;
  /** Outgoing mail; absent when no SMTP server is configured (invitations then carry their link only). */
  mailer?: Mailer;
  /**
   * Calls a service the way the gateway does (the playground); built by the process that runs the
   * gateway. Absent, the playground answers service_unavailable instead of failing the start.
   */
  inference?: InferenceCaller;
  // Ports still to come go here, required, and are built in main.ts beside the others:
  //   executor: what runs fine-tuning and evaluation jobs (local process, Kubernetes…).
}

const REQUIRED_PORTS = [
  "blobs",
  "uploads",
  "tokenizers",
  "auditAnchoring",
  "queue",
  "changes",
  "secrets",
] as const;

/**
 * Fails at wiring time, not at the first request, when an app (or a JavaScript caller that the
 * types do not protect) forgot a required port.
 */
export function checkPorts<P extends ServicePorts>(ports: P): P {
  const missing = REQUIRED_PORTS.filter((name) => !ports[name]);
  if (missing.length) throw new Error(`ports not wired: ${missing.join(", ")} (build them in main.ts)`);
  return ports;
}

/** Everything a verb needs besides its input: who asks, from where, and the ports. */
export interface ServiceContext extends ServicePorts {
  db: Database;
  /** The kinds features registered (references, holdings, blob references, release gates). */
  registry: CoreRegistry;
  principal: Principal;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  now: () => Date;
  settings: CoreSettings;
  log: Logger;
  /** Ids of the audit events this request recorded, so a response can point at its audit record. */
  auditTrail?: string[];
}

export const defaultSettings: CoreSettings = {
  publicUrl: "http://127.0.0.1:8080",
  sessionTtlHours: 12,
  tokenTtlDays: 30,
  passwordHashCost: { memoryCost: 19_456, timeCost: 2 },
};
