import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { CliError } from "./cli-error.js";

/** One saved sign-in, per server URL. */
export interface StoredLogin {
  token: string;
  email: string;
  user_id: string;
  expires_at: string;
  /** The default project of `infera use` on this server: what --project means when it is left out. */
  project?: { id: string; name: string; tenant_id: string };
}

export interface CliConfig {
  /** The server of the last `infera login`: the default when no --url or INFERA_URL is given. */
  current_url?: string;
  servers: Record<string, StoredLogin>;
}

export function readConfig(path: string): CliConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { servers: {} };
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<CliConfig>;
    return { ...parsed, servers: parsed.servers ?? {} };
  } catch {
    throw new CliError("internal", `${path} is not valid JSON; fix or delete it and run \`infera login\``);
  }
}

/** Writes atomically, readable by its owner only (it holds bearer tokens). */
export function writeConfig(path: string, config: CliConfig): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
