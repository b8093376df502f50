import { homedir } from "node:os";
import { join } from "node:path";

/** What the CLI reads from the environment, parsed once. */
export interface CliEnvironment {
  /** `INFERA_URL`: the server, over the stored login's. */
  url: string | undefined;
  /** `INFERA_TOKEN`: a bearer token (e.g. a service account's), over the stored login's. */
  token: string | undefined;
  /** `$XDG_CONFIG_HOME/infera/config.json`, else `~/.config/infera/config.json`. */
  configPath: string;
}

export const DEFAULT_URL = "http://127.0.0.1:8080";

let cached: CliEnvironment | undefined;

export function cliEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  cached ??= Object.freeze({
    url: env.INFERA_URL || undefined,
    token: env.INFERA_TOKEN || undefined,
    configPath: join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "infera", "config.json"),
  });
  return cached;
}
