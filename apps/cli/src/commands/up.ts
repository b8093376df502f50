import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import pc from "picocolors";
import { CliError, usageError } from "../lib/cli-error.js";
import { note, say } from "../lib/output.js";

/** The console built by `npm run build:web`, served when present and INFERA_WEB_DIR is not set. */
function builtConsoleDir(): string | undefined {
  const dir = fileURLToPath(new URL("../../../web/dist", import.meta.url));
  return existsSync(join(dir, "index.html")) ? dir : undefined;
}

interface BootstrapInfo {
  created: boolean;
  adminEmail?: string;
  generatedPassword?: string;
}

/**
 * Starts the roles (default: the API with the console when built, the gateway and the worker) in this process and
 * keeps them running until SIGINT or SIGTERM, then drains requests and jobs and closes the database.
 * Shared by `up` and `serve`.
 */
export async function runServer(opts: {
  json?: boolean;
  roles?: ("api" | "gateway" | "worker")[];
}): Promise<void> {
  const {
    ConfigError,
    loadConfig,
    startServer,
    isGatewayProcess,
    reportGatewayProcessReady,
    startGatewayProcesses,
    wantsGatewayProcesses,
  } = await import("@infera/server");
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw usageError(err.message);
    throw err;
  }
  const webDir = config.webDir ?? builtConsoleDir();
  let boot: BootstrapInfo = { created: false };
  const roles = opts.roles ?? ["api", "gateway", "worker"];
  const missing = (["api", "gateway", "worker"] as const).filter((r) => !roles.includes(r));
  if (!config.databaseUrl && missing.length)
    note(
      `the embedded database (no DATABASE_URL) can be opened by one process only, and this one runs no ${missing.join(", ")}: ` +
        "use `infera up` for everything in one process, or PostgreSQL to split the roles.",
    );
  let several: boolean;
  try {
    several = wantsGatewayProcesses(config, roles);
  } catch (err) {
    if (err instanceof ConfigError) throw usageError(err.message);
    throw err;
  }
  if (several) return superviseGatewayProcesses(config, roles, opts.json, startGatewayProcesses);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(
      { ...config, webDir },
      { roles, onBootstrap: (b: BootstrapInfo) => (boot = b) },
    );
  } catch (err) {
    // One of several gateway processes: its IPC channel would keep it alive; the supervisor sees the exit.
    if (isGatewayProcess()) {
      note(`gateway process ${process.pid} failed to start: ${(err as Error).message}`);
      process.exit(1);
    }
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE")
      throw new CliError(
        "service_unavailable",
        `${config.host}:${config.port} is already in use: stop the other process or set INFERA_PORT`,
      );
    throw err;
  }
  const data = config.databaseUrl
    ? "PostgreSQL (DATABASE_URL)"
    : `${join(config.dataDir, "db")} (embedded PGlite)`;
  const database = config.databaseUrl ? "postgres" : "pglite";
  if (isGatewayProcess()) {
    // One of several gateway processes: its supervisor prints the banner.
    reportGatewayProcessReady(server.url);
  } else if (server.url === null) {
    // A worker only: no port, nothing to sign in to.
    const workerId = server.worker?.workerId ?? null;
    if (opts.json)
      say(
        JSON.stringify({
          event: "ready",
          url: null,
          roles,
          worker_id: workerId,
          database,
          data_dir: config.dataDir,
        }),
      );
    else printWorkerBanner({ workerId, data });
  } else {
    const url = config.port === 0 ? server.url.replace("//0.0.0.0:", "//127.0.0.1:") : config.publicUrl;
    const hasConsole = Boolean(webDir && existsSync(join(webDir, "index.html")));
    if (opts.json) {
      say(
        JSON.stringify({
          event: "ready",
          url,
          roles,
          console: hasConsole,
          database,
          data_dir: config.dataDir,
          admin: boot.created
            ? { created: true, email: boot.adminEmail, password: boot.generatedPassword ?? null }
            : { created: false },
        }),
      );
    } else printBanner({ url, data, hasConsole, boot, configuredEmail: config.adminEmail });
  }

  await new Promise<void>((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      note(`${signal}: stopping — finishing requests and jobs in flight…`);
      server.stop().then(resolve, reject);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  // One of several gateway processes: the IPC channel to its supervisor would keep it alive.
  if (isGatewayProcess()) process.exit(0);
  if (opts.json) say(JSON.stringify({ event: "stopped" }));
  else say("Infera stopped.");
}

/** INFERA_GATEWAY_PROCESSES > 1: this process forks the gateway processes and stops them on a signal. */
async function superviseGatewayProcesses(
  config: { gatewayProcesses: number; logLevel: string },
  roles: string[],
  json: boolean | undefined,
  start: typeof import("@infera/server").startGatewayProcesses,
): Promise<void> {
  const log = {
    info: () => {},
    warn: (o: object, m: string) => note(`${m} ${JSON.stringify(o)}`),
    error: (o: object, m: string) => note(`${m} ${JSON.stringify(o)}`),
  };
  const procs = await start({ count: config.gatewayProcesses, log });
  if (json) say(JSON.stringify({ event: "ready", url: procs.url, roles, gateway_processes: procs.pids() }));
  else {
    say();
    say(pc.bold(pc.green(`Infera gateway is up at ${procs.url} (${config.gatewayProcesses} processes)`)));
    say(`  ${"pids".padEnd(10)} ${procs.pids().join(", ")}`);
    say();
    say(pc.dim("Stop with Ctrl+C: every process finishes its calls in flight and ships its usage."));
  }
  await new Promise<void>((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      note(`${signal}: stopping the gateway processes — finishing calls in flight…`);
      procs.stop().then(resolve, reject);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  if (json) say(JSON.stringify({ event: "stopped" }));
  else say("Infera gateway stopped.");
}

function printWorkerBanner(b: { workerId: string | null; data: string }) {
  say();
  say(pc.bold(pc.green("Infera worker is running (no API in this process)")));
  say(`  ${"worker".padEnd(10)} ${b.workerId ?? ""}`);
  say(`  ${"data".padEnd(10)} ${b.data}`);
  say();
  say(pc.dim("Stop with Ctrl+C: running jobs get 10 s to finish, then go back to the queue."));
}

function printBanner(b: {
  url: string;
  data: string;
  hasConsole: boolean;
  boot: BootstrapInfo;
  configuredEmail: string;
}) {
  const row = (k: string, v: string) => say(`  ${k.padEnd(10)} ${v}`);
  say();
  say(pc.bold(pc.green(`Infera is up at ${b.url}`)));
  if (b.hasConsole) row("console", `${b.url}/`);
  row("API", `${b.url}/api/v1   (reference: ${b.url}/api/v1/reference)`);
  row("data", b.data);
  say();
  const email = b.boot.adminEmail ?? b.configuredEmail;
  if (b.boot.created) {
    say(pc.bold("First start: created the platform admin, a Default tenant and a Dev project."));
    row("email", email);
    if (b.boot.generatedPassword) {
      row("password", pc.bold(pc.yellow(b.boot.generatedPassword)));
      say(pc.yellow("  This password is shown only now: keep it. (Set INFERA_ADMIN_PASSWORD before a first"));
      say(pc.yellow("  start to choose your own.)"));
    } else row("password", "the value of INFERA_ADMIN_PASSWORD");
  } else {
    say(`Sign in as the platform admin created on the first start (${email} unless you changed it).`);
  }
  say();
  say("Sign in:");
  if (b.hasConsole) say(`  in a browser:  ${b.url}`);
  say(`  with the CLI:  npx infera login --url ${b.url} --email ${email}`);
  say(
    `  with curl:     curl -s ${b.url}/api/v1/auth/login -H 'content-type: application/json' -d '{"email":"${email}","password":"…","issue_token":true}'`,
  );
  say();
  say(pc.dim("Stop with Ctrl+C."));
}

export function upCommand(): Command {
  return new Command("up")
    .description(
      "run Infera in this one process: the API, the console and the worker, on the embedded database in INFERA_DATA_DIR (./.infera) unless DATABASE_URL is set",
    )
    .option("--json", "print JSON lines (ready, stopped) instead of the banner")
    .addHelpText(
      "after",
      "\nConfigured by environment variables (INFERA_HOST, INFERA_PORT, INFERA_DATA_DIR, DATABASE_URL,\nINFERA_ADMIN_EMAIL, INFERA_ADMIN_PASSWORD, …; see the README). On the first start it creates the\nplatform admin and prints a generated password once.",
    )
    .action(async (opts: { json?: boolean }) => runServer(opts));
}
