import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import {
  type AuditAnchoring,
  anchorAuditChains,
  type BlobStore,
  bootstrap,
  type CoreRegistry,
  type CoreSettings,
  checkPorts,
  createRegistry,
  createUploadService,
  defaultSettings,
  refreshPlannerStatistics,
  registerCoreKinds,
  registerSystemModel,
  type ServiceContext,
  type ServicePorts,
  sweepExpiredUploads,
} from "@infera/core";
import { type DatabaseHandle, openDatabase } from "@infera/db";
import { createBlobStore } from "@infera/storage";
import { defaultTokenizer, tokenizerFromFiles } from "@infera/tokenizers";
import pino, { type Logger } from "pino";
import { openAuditAnchorFile } from "./adapters/audit-anchor-file.js";
import { loadAuditKeyFile } from "./adapters/audit-key-file.js";
import { createSmtpMailer } from "./adapters/smtp-mailer.js";
import { createApp } from "./app.js";
import type { InferaConfig } from "./config.js";
import { answerClientError } from "./http/answer-client-error.js";

export interface RunningServer {
  url: string;
  port: number;
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
  /** Stops taking requests, lets in-flight ones finish (up to the grace period), closes the database. */
  stop(): Promise<void>;
}

/**
 * Wires the adapters and starts the HTTP server: the only place that opens the database. Migrations
 * run and the first-start bootstrap happens before the port opens.
 */
export async function startServer(
  config: Readonly<InferaConfig>,
  opts: {
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
  } = {},
): Promise<RunningServer> {
  const log = opts.log ?? pino({ level: config.logLevel, base: { service: "infera" } });
  // Before the database opens: a key others can read (or no key at all) stops the start.
  const auditKey = loadAuditKeyFile(config.auditKeyFile);
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
    ...opts.settings,
  };
  let ready = true;
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
    // LISTEN/NOTIFY on the database itself: a dedicated connection on PostgreSQL, PGlite's own.
    changes: { listen: database.listen },
    mailer,
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
  const statistics = keepPlannerStatistics(database, log);

  await registerBundledModel(systemCtx, opts.systemModelDir, log);
  const uploadSweep = keepSweepingUploads({ ...systemCtx, now: opts.now ?? systemCtx.now }, log);
  const anchoring = keepAnchoringAudit(systemCtx, config.auditAnchorIntervalMinutes, log);
  const { app } = createApp({
    ports,
    registry,
    db: database.db,
    settings,
    log,
    maxBodyBytes: config.maxBodyBytes,
    trustProxy: config.trustProxy,
    webDir: config.webDir,
    isReady: () => ready,
    shuttingDown: shuttingDown.signal,
    now: opts.now,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once("error", reject);
  });
  server.on("clientError", answerClientError(log));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url }, "listening");

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      ready = false;
      shuttingDown.abort();
      log.info("shutting down: draining requests");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          resolve();
        }, 10_000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      clearInterval(statistics);
      clearInterval(uploadSweep);
      // The last events of this process get their anchor before the database closes.
      await anchoring.stop();
      mailer?.close();
      blobs.close?.();
      await database.close();
      log.info("stopped");
    })();
    return stopping;
  };
  return { url, port, database, blobs, auditAnchoring, systemCtx, log, stop };
}

/**
 * Signs the head of every audit chain that moved, at start, every `minutes` and once more on
 * shutdown. Runs never overlap; a failed run is logged and the next one tries again.
 */
function keepAnchoringAudit(ctx: ServiceContext, minutes: number, log: Logger) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() =>
      anchorAuditChains({ ctx })
        .then((r) => r.anchored && log.info({ anchored: r.anchored }, "audit chains anchored"))
        .catch((err) => log.warn({ err }, "audit anchoring failed")),
    );
    return running;
  };
  void run();
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  return {
    /** One last run, bounded: a stuck database or disk must not hold the shutdown. */
    async stop() {
      clearInterval(timer);
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        run(),
        new Promise<void>((resolve) => {
          timeout = setTimeout(() => {
            log.warn("audit anchoring at shutdown did not finish in 15 s");
            resolve();
          }, 15_000);
        }),
      ]);
      clearTimeout(timeout);
    },
  };
}

/** Expired uploads lose their partial files: swept at start and every hour. */
function keepSweepingUploads(ctx: ServiceContext, log: Logger) {
  const sweep = () =>
    sweepExpiredUploads({ ctx })
      .then((n) => n && log.info({ expired: n }, "expired uploads swept"))
      .catch((err) => log.warn({ err }, "upload sweep failed"));
  void sweep();
  const timer = setInterval(sweep, 60 * 60_000);
  timer.unref();
  return timer;
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

/** PGlite has no autovacuum: refresh the planner's statistics at start and every ten minutes. */
function keepPlannerStatistics(database: DatabaseHandle, log: Logger) {
  if (database.engine !== "pglite") return undefined;
  const refresh = () =>
    refreshPlannerStatistics(database.db).catch((err) => log.warn({ err }, "ANALYZE failed"));
  void refresh();
  const timer = setInterval(refresh, 10 * 60_000);
  timer.unref();
  return timer;
}
