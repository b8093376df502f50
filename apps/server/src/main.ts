import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { JobKindDefinition } from "@infera/contracts";
import {
  ApiKeyVerifier,
  type AuditAnchoring,
  anchorAuditChains,
  type BlobStore,
  bootstrap,
  CallCostEstimator,
  type CoreRegistry,
  type CoreSettings,
  checkPorts,
  createAesGcmSealer,
  createDatabaseQueue,
  createRegistry,
  createUploadService,
  databaseApiKeyDirectory,
  databasePriceDirectory,
  databaseServiceLoad,
  defaultSettings,
  type InferenceCaller,
  ROUTING_CHANNEL,
  readRoutingTable,
  registerCoreKinds,
  registerNode,
  registerSystemModel,
  type ServiceContext,
  type ServicePorts,
  storeUsageRecords,
} from "@infera/core";
import { type DatabaseHandle, openDatabase } from "@infera/db";
import {
  createLocalExecutor,
  createProcessUsageReader,
  createReplicaExecutor,
  detectNodeResources,
} from "@infera/executors/local";
import {
  type CallAdmitter,
  createCallAdmitter,
  createGateway,
  createMeter,
  type Gateway,
  type Meter,
} from "@infera/gateway";
import { referenceRuntime } from "@infera/runtimes/catalog";
import { llamaCppRuntime } from "@infera/runtimes/serving";
import { createBlobStore } from "@infera/storage";
import { defaultTokenizer, tokenizerFromFiles } from "@infera/tokenizers";
import {
  evaluationRun,
  fineTuningJobRun,
  fineTuningRetention,
  fineTuningRetentionSchedule,
  fineTuningSchedule,
  fineTuningScheduleEvery10s,
  housekeepingHandlers,
  housekeepingSchedules,
  type JobHandlers,
  newWorkerId,
  notificationsPrune,
  notificationsPruneSchedule,
  type RunningWorker,
  servicesCheckUpstreams,
  servicesCheckUpstreamsEvery,
  servicesLogsPrune,
  servicesLogsPruneSchedule,
  servicesMetrics,
  servicesMetricsEveryMinute,
  servicesMetricsPrune,
  servicesMetricsPruneHourly,
  servicesReconcile,
  servicesReconcileEvery5s,
  startWorker,
  usageRetention,
  usageRetentionSchedule,
  usageShip,
  usageShipEvery5s,
  webhookDeliver,
} from "@infera/worker";
import pino, { type Logger } from "pino";
import { openAuditAnchorFile } from "./adapters/audit-anchor-file.js";
import { loadAuditKeyFile } from "./adapters/audit-key-file.js";
import { loadSecretsKeyFile } from "./adapters/secrets-key-file.js";
import { createSmtpMailer } from "./adapters/smtp-mailer.js";
import { createApp } from "./app.js";
import type { InferaConfig } from "./config.js";
import { answerClientError } from "./http/answer-client-error.js";

/** The Infera version a node reports when it registers. */
const INFERA_VERSION = "0.1.0";

/**
 * What one process runs: `api` serves the HTTP API and the console; `gateway` the OpenAI-compatible
 * `/v1` (on the same port as the API when both run); `worker` runs the queue's jobs and ticks their
 * schedules. `infera up` runs all three; `infera serve --role` any subset.
 */
export type ServerRole = "api" | "gateway" | "worker";

/** A started process, whatever its roles. */
export interface RunningProcess {
  /** The HTTP address (API and/or gateway); null when this process has neither role (it opens no port). */
  url: string | null;
  port: number | null;
  roles: readonly ServerRole[];
  /** This process's worker (its id names the leases it holds), when it has the worker role. */
  worker: RunningWorker | null;
  /**
   * The gateway's usage meter when the process has the gateway or the api role: `record` journals a
   * call's usage; the stop seals and ships the journal after the last request has ended.
   */
  meter: Meter | null;
  /**
   * The gateway when the process has the gateway or the api role: its `app` (`/v1`) is served only
   * with the gateway role; its `caller` serves the playground either way.
   */
  gateway: Gateway | null;
  database: DatabaseHandle;
  /** The blob store requests use (tests put objects straight into it). */
  blobs: BlobStore;
  /** The audit signing key and anchor file. */
  auditAnchoring: AuditAnchoring;
  /**
   * The context of the server's own work (bootstrap, sweeps): every port, the registry requests
   * share (tests register extra kinds on it), anonymous principal.
   */
  systemCtx: ServiceContext;
  log: Logger;
  /**
   * Stops taking requests and jobs, lets in-flight ones finish (up to their grace periods), anchors
   * the audit chains once more, closes the database.
   */
  stop(): Promise<void>;
}

/** A process with the api role: it has an address. */
export interface RunningServer extends RunningProcess {
  url: string;
  port: number;
}

export interface StartServerOptions {
  log?: Logger;
  settings?: Partial<CoreSettings>;
  /** An already opened database (tests bring their own); otherwise opened from the config. */
  database?: DatabaseHandle;
  onBootstrap?: (r: Awaited<ReturnType<typeof bootstrap>>) => void;
  /** The clock requests see (tests move it forward to reach expiries). */
  now?: () => Date;
  /**
   * Folder of the model registered as a system model at start (default: the bundled infera-tiny,
   * when it is there); null registers none.
   */
  systemModelDir?: string | null;
  /** Which roles to run (default all three). */
  roles?: readonly ServerRole[];
  /**
   * Job kinds beyond the catalog, with their handlers (tests: a deliberately slow job). Production
   * kinds belong in the catalog (packages/contracts/src/jobs.ts) and apps/worker.
   */
  jobs?: { kinds: readonly JobKindDefinition[]; handlers: JobHandlers };
  /** How the playground calls services (tests: a fake of the port); the gateway's when it runs here. */
  inference?: InferenceCaller;
  /** What admits and charges gateway calls (API key limits, quota rules); default: everything admitted. */
  admitter?: CallAdmitter;
}

/**
 * Wires the adapters and starts the roles asked for (default both): the only place that opens the
 * database. Migrations run and the first-start bootstrap happens before the port opens or a job runs.
 */
export async function startServer(
  config: Readonly<InferaConfig>,
  opts?: StartServerOptions & { roles?: undefined },
): Promise<RunningServer>;
export async function startServer(
  config: Readonly<InferaConfig>,
  opts: StartServerOptions,
): Promise<RunningProcess>;
export async function startServer(
  config: Readonly<InferaConfig>,
  opts: StartServerOptions = {},
): Promise<RunningProcess> {
  const roles: readonly ServerRole[] = opts.roles ?? ["api", "gateway", "worker"];
  if (!roles.length) throw new Error("startServer: no role to run");
  const log = opts.log ?? pino({ level: config.logLevel, base: { service: "infera" } });
  // Before the database opens: a key others can read (or no key at all) stops the start.
  const auditKey = loadAuditKeyFile(config.auditKeyFile);
  const secretsKey = loadSecretsKeyFile(config.secretsKeyFile);
  log.info({ keyFile: config.secretsKeyFile, created: secretsKey.created }, "secrets key ready");
  const auditAnchoring: AuditAnchoring = {
    keys: auditKey.keys,
    log: openAuditAnchorFile(config.auditAnchorFile),
  };
  log.info(
    {
      keyFile: config.auditKeyFile,
      keyId: auditKey.keys.keyId,
      created: auditKey.created,
      anchors: config.auditAnchorFile,
    },
    auditKey.created
      ? "audit signing key created: back it up apart from the database"
      : "audit signing key ready",
  );
  const database =
    opts.database ??
    (await openDatabase(
      config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, "db") },
    ));
  log.info({ engine: database.engine, dataDir: config.dataDir }, "database ready");
  const settings: CoreSettings = {
    ...defaultSettings,
    publicUrl: config.publicUrl,
    blobGcGraceMinutes: config.blobGcGraceMinutes,
    fineTuning: config.fineTuneLimits,
    nodeOfflineSeconds: config.nodeOfflineSeconds,
    webhooks: config.webhooks,
    fineTuningWorkspaceDir: config.workspaceDir,
    storedCheckpointsKept: config.storedCheckpointsKept,
    ...opts.settings,
  };
  let ready = true;
  // Aborted when the stop begins: open event streams end at once instead of holding the drain.
  const shuttingDown = new AbortController();
  // Every port, built here once and carried by every context (ServicePorts in core).
  const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  const blobs = createBlobStore({ url: config.blobUrl, s3: config.s3 });
  log.info({ blobs: blobs.location }, "blob store ready");
  const ports: ServicePorts = checkPorts({
    blobs,
    uploads: createUploadService({
      dir: config.uploadDir,
      maxBytes: config.maxUploadBytes,
      expiryHours: config.uploadExpiryHours,
    }),
    // Dataset token statistics: the default BPE, or a base model's own tokenizer.json.
    tokenizers: { default: defaultTokenizer, fromFiles: tokenizerFromFiles },
    auditAnchoring,
    // Upstream API keys of services are kept sealed with a key file beside the audit key.
    secrets: createAesGcmSealer(secretsKey.key),
    // LISTEN/NOTIFY on the database itself: a dedicated connection on PostgreSQL, PGlite's own.
    changes: { listen: database.listen },
    // Verbs enqueue into it inside their transactions; the worker below leases from it.
    queue: createDatabaseQueue({ db: database.db, extraKinds: opts.jobs?.kinds }),
    mailer,
    inference: opts.inference,
  });
  // Every kind the features plug in (references, holdings, blob references, release gates),
  // registered here explicitly; a feature with its own kinds adds its register call below.
  const registry: CoreRegistry = createRegistry();
  registerCoreKinds(registry);
  const systemCtx: ServiceContext = {
    db: database.db,
    principal: { type: "anonymous" as const },
    requestId: "bootstrap",
    ip: null,
    userAgent: null,
    now: () => new Date(),
    settings,
    log,
    registry,
    ...ports,
  };
  const boot = await bootstrap({
    ctx: systemCtx,
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
  });
  opts.onBootstrap?.(boot);

  await registerBundledModel(systemCtx, opts.systemModelDir, log);
  // The port first: a port in use (the likeliest failure) then stops the start before any job runs.
  let http: Awaited<ReturnType<typeof serveApi>> | null = null;
  let worker: RunningWorker | null = null;
  // The gateway's usage meter (decision 0030). Its first pass replays what a crash of the previous
  // process left on disk. A process with the api role builds the gateway (and so its meter) even
  // without the gateway role: its caller serves the playground, `/v1` is only mounted for the
  // gateway role (decision 0042).
  const servesV1 = roles.includes("gateway");
  const meter: Meter | null =
    servesV1 || roles.includes("api")
      ? createMeter({
          dir: config.usageJournalDir,
          store: (batch) => storeUsageRecords({ ctx: { ...systemCtx, requestId: "usage-shipper" }, batch }),
          log,
          maxSegmentAgeMs: config.usageSegmentSeconds * 1000,
        })
      : null;
  if (meter)
    void meter.ship().then(
      (r) => r.segments && log.info({ ...r }, "usage journal left by the previous process shipped"),
      (err: Error) =>
        log.warn({ err: err.message }, "usage journal replay failed; the usage.ship job retries"),
    );
  // Without a worker here (a gateway-only process, one of INFERA_GATEWAY_PROCESSES) no usage.ship job
  // runs in this process: a timer seals and ships the journal's tail once traffic stops.
  const shipTimer =
    meter && !roles.includes("worker")
      ? setInterval(
          () =>
            void meter
              .ship()
              .catch((err: Error) => log.warn({ err: err.message }, "usage shipping failed; retried later")),
          config.usageSegmentSeconds * 1000,
        ).unref()
      : null;
  let gateway: Gateway | null = null;
  let verifier: ApiKeyVerifier | null = null;
  let admitter: CallAdmitter | null = null;
  let prices: CallCostEstimator | null = null;
  try {
    if (meter) {
      // API keys' RPM and daily tokens: in this process, or shared through Redis (decision 0034).
      admitter =
        opts.admitter ??
        createCallAdmitter({
          redisUrl: config.redisUrl,
          redisPrefix: config.redisPrefix,
          redisFailMode: config.redisFailMode,
          rules: [],
          log,
          // Late-bound: the HTTP server (and its /metrics) is created below.
          observer: { redisUnavailable: (mode, op) => http?.metrics.limits.redisUnavailable(mode, op) },
        });
      // Prices from memory, told of changes by LISTEN/NOTIFY (decision 0032).
      prices = new CallCostEstimator({
        directory: databasePriceDirectory(database.db),
        changes: ports.changes,
        log,
      });
      await prices.start();
      const estimator = prices;
      // Keys checked from memory, told of revokes and edits by LISTEN/NOTIFY (decision 0026).
      verifier = new ApiKeyVerifier({
        directory: databaseApiKeyDirectory(database.db),
        changes: ports.changes,
        log,
      });
      await verifier.start();
      const gatewayCtx = { ...systemCtx, requestId: "gateway" };
      gateway = await createGateway({
        readRoutingTable: () => readRoutingTable(gatewayCtx),
        verifier,
        meter,
        admitter,
        estimateCost: (usage, resourceClass) =>
          estimator.estimateCachedCallCost({
            tenantId: usage.tenant_id,
            modelVersionId: usage.model_version_id,
            resourceClassId: resourceClass,
            promptTokens: usage.prompt_tokens,
            completionTokens: usage.completion_tokens,
            latencyMs: usage.latency_ms,
          }) ?? null,
        preparePrices: (tenantId) => estimator.prepare(tenantId),
        // Late-bound like the admitter's observer: /metrics is created with the HTTP server below.
        onRefusedKey: (reason) => http?.metrics.gateway.refusedKey(reason),
        serviceLoad: databaseServiceLoad(gatewayCtx),
        log,
        now: opts.now,
        coldStartTimeoutMs: config.coldStartTimeoutSeconds * 1000,
        upstreamTimeoutMs: config.gatewayUpstreamTimeoutSeconds * 1000,
        maxBodyBytes: config.maxBodyBytes,
        // A replica ready or gone, a traffic split changed: reread at once (the 1 s reload is the backstop).
        onRoutingChange: (reload) => ports.changes.listen(ROUTING_CHANNEL, reload),
      });
    }
    // The playground calls services through this process's gateway, built here for the api role
    // even when `/v1` is not served (tests may hand in a fake of the port).
    if (!ports.inference && gateway) ports.inference = gateway.caller;
    if (roles.includes("api") || servesV1)
      http = await serveApi({
        config,
        database,
        ports,
        registry,
        settings,
        log,
        now: opts.now,
        isReady: () => ready,
        shuttingDown: shuttingDown.signal,
        api: roles.includes("api"),
        gateway: servesV1 ? gateway : null,
      });
    if (roles.includes("worker")) {
      const workerId = newWorkerId();
      // This machine as a node: the scheduler places training runs on its capacity, and only this
      // node's worker takes them. The same name after a restart is the same node.
      const detected = await detectNodeResources({ log });
      const node = await registerNode({
        ctx: systemCtx,
        node: {
          name: config.nodeName,
          roles: [...roles],
          address: config.nodeAddress,
          cpus: config.nodeCpus || detected.cpus,
          memoryBytes: config.nodeMemoryBytes || detected.memoryBytes,
          gpus: detected.gpus.map((g) => ({ index: g.index, model: g.name, memory_bytes: g.memoryBytes })),
          version: INFERA_VERSION,
          maxReplicas: config.maxReplicas,
        },
      });
      log.info({ node: node.name, nodeId: node.id }, "node registered");
      worker = await startWorker({
        // Its handlers call services through this process's gateway (evaluation runs, their judge).
        ctx: {
          ...systemCtx,
          requestId: "worker",
          now: opts.now ?? systemCtx.now,
          inference: ports.inference,
        },
        workerId,
        handlers: {
          ...housekeepingHandlers({ engine: database.engine }),
          // Fine-tuning runs as child processes of this worker, in its workspace folder.
          "fine_tuning.job.run": fineTuningJobRun({
            executor: createLocalExecutor({ log }),
            runtimes: [referenceRuntime],
            workspaceRoot: config.workspaceDir,
            worker: node,
            cancelGraceMs: config.fineTuneStopGraceSeconds * 1000,
            flushMs: config.fineTuneEventFlushMs,
          }),
          // Evaluation runs: a model version answers through a private infera-serve of this worker
          // (in <workspace>/evaluations), a service revision through this process's gateway.
          "evaluation.run": evaluationRun({
            executor: createLocalExecutor({ log }),
            runtime: llamaCppRuntime,
            cacheDir: config.modelCacheDir,
            workspaceRoot: config.workspaceDir,
          }),
          "fine_tuning.retention": fineTuningRetention({ workspaceRoot: config.workspaceDir }),
          // Its passes go into this process's /metrics when it serves the API.
          "fine_tuning.schedule": fineTuningSchedule(http?.metrics.scheduling),
          "usage.ship": usageShip({ meter }),
          "usage.retention": usageRetention,
          "webhook.deliver": webhookDeliver({ timeoutMs: config.webhooks.timeoutSeconds * 1000 }),
          // Replicas of services: detached infera-serve processes of this node, tracked on disk.
          "services.reconcile": servicesReconcile({
            replicas: createReplicaExecutor({ dir: join(config.replicaDir, "records") }),
            runtime: llamaCppRuntime,
            cacheDir: config.modelCacheDir,
            runDir: join(config.replicaDir, "run"),
            node,
            maxReplicas: config.maxReplicas,
            stopGraceMs: config.replicaStopGraceSeconds * 1000,
            healthWaitMs: 20_000,
            maxRestarts: config.replicaMaxRestarts,
            restartBackoff: config.replicaRestartBackoff,
            defaultThreads: 2,
            address: config.nodeAddress,
          }),
          // Health of openai-compatible revisions (no process: their upstream's /v1/models).
          "services.check_upstreams": servicesCheckUpstreams({
            enabled: config.upstreamCheckSeconds > 0,
            maxFailures: 3,
            timeoutMs: 5000,
          }),

          // Serving metrics of this node's replicas: one row per replica per minute, kept 7 days.
          "services.metrics": servicesMetrics({
            node,
            usage: createProcessUsageReader(),
            observer: http?.metrics.services,
            timeoutMs: 5000,
            address: config.nodeAddress,
          }),
          "services.metrics_prune": servicesMetricsPrune,
          "services.logs_prune": servicesLogsPrune,
          "notifications.prune": notificationsPrune,
          ...opts.jobs?.handlers,
        },
        concurrency: config.workerConcurrency,
        pollIntervalMs: config.workerPollMs,
        graceMs: config.workerGraceSeconds * 1000,
        node,
        schedules: [
          ...housekeepingSchedules({
            engine: database.engine,
            auditAnchorIntervalMinutes: config.auditAnchorIntervalMinutes,
            blobGcIntervalHours: config.blobGcIntervalHours,
          }),
          fineTuningRetentionSchedule,
          fineTuningScheduleEvery10s,
          usageShipEvery5s,
          usageRetentionSchedule(config.usageRawRetentionDays),
          ...(config.maxReplicas > 0 ? [servicesReconcileEvery5s] : []),
          ...(config.upstreamCheckSeconds > 0
            ? [servicesCheckUpstreamsEvery(config.upstreamCheckSeconds)]
            : []),

          ...(config.serviceMetricsIntervalSeconds > 0
            ? [{ ...servicesMetricsEveryMinute, intervalSeconds: config.serviceMetricsIntervalSeconds }]
            : []),
          servicesMetricsPruneHourly,
          servicesLogsPruneSchedule(config.serviceLogRetentionDays),
          notificationsPruneSchedule(config.notificationRetentionDays),
        ],
        log,
      });
    }
  } catch (err) {
    // Nothing may keep the process alive after a failed start (an open port, a polling worker).
    if (shipTimer) clearInterval(shipTimer);
    await http?.close();
    await gateway?.close();
    await verifier?.close();
    await admitter?.close();
    await prices?.close();
    mailer?.close();
    blobs.close?.();
    if (!opts.database) await database.close();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      ready = false;
      shuttingDown.abort();
      log.info("shutting down: draining requests and jobs");
      // Requests and jobs drain side by side; neither takes new work meanwhile.
      await Promise.all([http?.close(), worker?.stop()]);
      if (shipTimer) clearInterval(shipTimer);
      await gateway?.close();
      await verifier?.close();
      await admitter?.close();
      await prices?.close();
      // Every call has ended and journaled its usage: the open segment is sealed and shipped now.
      await flushMeter(meter, log);
      // The last events of this process get their anchor before the database closes.
      await anchorAtShutdown(systemCtx, log);
      mailer?.close();
      blobs.close?.();
      await database.close();
      log.info("stopped");
    })();
    return stopping;
  };
  return {
    url: http?.url ?? null,
    port: http?.port ?? null,
    roles,
    worker,
    meter,
    gateway,
    database,
    blobs,
    auditAnchoring,
    systemCtx,
    log,
    stop,
  };
}

/**
 * Seals and ships the usage journal at a graceful stop. A database that fails now loses nothing:
 * the sealed segments stay on disk and the next start ships them.
 */
async function flushMeter(meter: Meter | null, log: Logger): Promise<void> {
  if (!meter) return;
  try {
    const r = await meter.close();
    log.info({ segments: r.segments, records: r.records }, "usage journal flushed");
  } catch (err) {
    log.error({ err: (err as Error).message }, "usage journal flush failed: the next start ships it");
  }
}

/** Opens the HTTP port; `close` stops taking requests and lets in-flight ones finish (10 s at most). */
async function serveApi(a: {
  config: Readonly<InferaConfig>;
  database: DatabaseHandle;
  ports: ServicePorts;
  registry: CoreRegistry;
  settings: CoreSettings;
  log: Logger;
  now: (() => Date) | undefined;
  isReady: () => boolean;
  shuttingDown: AbortSignal;
  /** Serve the control-plane API and console (false: a gateway-only process, /v1 and the probes). */
  api: boolean;
  gateway: Gateway | null;
}) {
  const { config, log } = a;
  const { app, metrics } = createApp({
    api: a.api,
    gateway: a.gateway?.app,
    ports: a.ports,
    registry: a.registry,
    db: a.database.db,
    settings: a.settings,
    log,
    maxBodyBytes: config.maxBodyBytes,
    trustProxy: config.trustProxy,
    webDir: config.webDir,
    isReady: a.isReady,
    shuttingDown: a.shuttingDown,
    now: a.now,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once("error", reject);
  });
  server.on("clientError", answerClientError(log));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url }, "listening");
  return {
    url,
    port,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          resolve();
        }, 10_000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}

/**
 * One last anchoring run as the process stops (the scheduled job does the periodic ones), bounded:
 * a stuck database or disk must not hold the shutdown.
 */
async function anchorAtShutdown(ctx: ServiceContext, log: Logger) {
  let timeout: NodeJS.Timeout | undefined;
  await Promise.race([
    anchorAuditChains({ ctx })
      .then((r) => r.anchored && log.info({ anchored: r.anchored }, "audit chains anchored"))
      .catch((err) => log.warn({ err }, "audit anchoring failed")),
    new Promise<void>((resolve) => {
      timeout = setTimeout(() => {
        log.warn("audit anchoring at shutdown did not finish in 15 s");
        resolve();
      }, 15_000);
    }),
  ]);
  clearTimeout(timeout);
}

/** Where the reference runtime's bundled model lives in this checkout (core never imports runtimes). */
export const BUNDLED_MODEL_DIR = fileURLToPath(
  new URL("../../../packages/runtimes/assets/infera-tiny/", import.meta.url),
);

/** Registers the bundled model as a public system model with tag `latest` (idempotent; never stops the start). */
async function registerBundledModel(ctx: ServiceContext, dir: string | null | undefined, log: Logger) {
  const folder = dir === undefined ? BUNDLED_MODEL_DIR : dir;
  if (!folder || !existsSync(join(folder, "config.json"))) return;
  try {
    const r = await registerSystemModel({
      ctx,
      dir: folder,
      name: "infera-tiny",
      description:
        "Infera's bundled reference model (llama architecture, tiny): fine-tune it and serve it on a CPU, no download needed.",
    });
    log.info(
      { modelId: r.modelId, versionId: r.versionId, created: r.created },
      "system model infera-tiny ready",
    );
  } catch (err) {
    log.error({ err, dir: folder }, "could not register the bundled system model");
  }
}
