import { resolve } from "node:path";

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
  return Object.freeze({
    host,
    port,
    dataDir: resolve(env.INFERA_DATA_DIR || ".infera"),
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
  });
}

function parseSmtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^smtps?:\/\//.test(raw)) throw new ConfigError("INFERA_SMTP_URL must start with smtp:// or smtps://");
  return raw;
}
