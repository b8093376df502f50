import { createClient, type InferaClient } from "@infera/client";
import { CliError, usageError } from "./cli-error.js";
import { readConfig, type StoredLogin } from "./config-store.js";
import { cliEnvironment, DEFAULT_URL } from "./environment.js";

export interface ConnectionOptions {
  url?: string;
}

const USER_AGENT = "infera-cli/0.1.0";

/** `http://host:port[/prefix]` without a trailing slash; anything else is a usage error. */
export function normalizeUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw usageError(`the server URL must look like http://127.0.0.1:8080 (got "${raw}")`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw usageError(`the server URL must start with http:// or https:// (got "${raw}")`);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

/** Which server: --url, then INFERA_URL, then the last `infera login`, then the local default. */
export function resolveUrl(opts: ConnectionOptions): string {
  const env = cliEnvironment();
  return normalizeUrl(opts.url ?? env.url ?? readConfig(env.configPath).current_url ?? DEFAULT_URL);
}

export function anonymousClient(url: string): InferaClient {
  return createClient({ baseUrl: url, headers: { "user-agent": USER_AGENT } });
}

/** A client signed in as INFERA_TOKEN or the login stored for this server. */
export function connect(opts: ConnectionOptions): {
  client: InferaClient;
  url: string;
  stored: StoredLogin | undefined;
} {
  const env = cliEnvironment();
  const url = resolveUrl(opts);
  const stored = readConfig(env.configPath).servers[url];
  const token = env.token ?? stored?.token;
  if (!token)
    throw new CliError(
      "unauthenticated",
      `not signed in to ${url}: run \`infera login --url ${url}\` or set INFERA_TOKEN`,
    );
  return {
    client: createClient({ baseUrl: url, token, headers: { "user-agent": USER_AGENT } }),
    url,
    stored,
  };
}
