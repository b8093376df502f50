import type { InferaClient } from "@infera/client";
import type { ApiKey, ApiKeyWithSecret } from "@infera/contracts";
import { type Command, InvalidArgumentError } from "commander";
import { CliError } from "./cli-error.js";
import type { StoredLogin } from "./config-store.js";
import { fmtTime, say } from "./output.js";
import { projectOf } from "./scope.js";

const limitText = (n: number | null) => (n === null ? "unlimited" : String(n));

/** A row of `keys list`. */
export const API_KEY_HEAD = [
  "name",
  "id",
  "prefix",
  "status",
  "scopes",
  "rpm",
  "tokens/day",
  "expires",
  "last used",
];
export const apiKeyRow = (k: ApiKey) => [
  k.name,
  k.id,
  `${k.prefix}…`,
  k.status,
  k.scopes.join(" "),
  limitText(k.rpm_limit),
  limitText(k.daily_token_limit),
  k.expires_at ? fmtTime(k.expires_at) : "never",
  k.last_used_at ? fmtTime(k.last_used_at) : "never",
];

/** `keys show` and the summary after a change. */
export function printApiKey(k: ApiKey): void {
  const rows: [string, string][] = [
    ["name", k.name],
    ["id", k.id],
    ["prefix", `${k.prefix}…`],
    ["status", k.status],
    ["scopes", k.scopes.join(", ")],
    ["rpm limit", limitText(k.rpm_limit)],
    ["daily tokens", limitText(k.daily_token_limit)],
    ["expires", k.expires_at ? fmtTime(k.expires_at) : "never"],
    ["last used", k.last_used_at ? fmtTime(k.last_used_at) : "never"],
    ["created", fmtTime(k.created_at)],
  ];
  if (k.revoked_at) rows.push(["revoked", fmtTime(k.revoked_at)]);
  if (k.rotated_from_id) rows.push(["rotated from", k.rotated_from_id]);
  if (k.note) rows.push(["note", k.note]);
  const w = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) say(`${name.padEnd(w)}  ${value}`);
}

/**
 * The secret goes to stdout alone on its line (so `infera keys create … | tail -1` or a pipe into a
 * secret store gets just it); the warning goes to stderr, where a pipe does not swallow it.
 */
export function printSecretOnce(k: ApiKeyWithSecret): void {
  printApiKey(k);
  process.stderr.write(
    "\nThis is the only time the secret is shown: store it now (a lost key cannot be recovered, only rotated).\n\n",
  );
  say(k.secret);
}

/** A key by id (`key_…`), or by name in the project (--project, else the default of `infera use`). */
export async function resolveApiKey(
  client: InferaClient,
  ref: string,
  opts: { project?: string; tenant?: string },
  stored: StoredLogin | undefined,
): Promise<ApiKey> {
  if (/^key_/.test(ref)) return client.apiKeys.get(ref);
  const project = await projectOf(client, opts, stored);
  const found: ApiKey[] = [];
  for await (const k of client.apiKeys.iterate(project.id, { q: ref, limit: 200 }))
    if (k.name === ref) found.push(k);
  const active = found.filter((k) => k.status === "active");
  const pick = active.length === 1 ? active[0] : found.length === 1 ? found[0] : undefined;
  if (pick) return pick;
  if (found.length === 0) throw new CliError("not_found", `no API key named "${ref}" in ${project.name}`);
  throw new CliError(
    "conflict",
    `${found.length} keys are named "${ref}" (${found.map((k) => `${k.id} ${k.status}`).join(", ")}): give the id`,
  );
}

// Commander turns a parser's null into "", so "no limit" and "no expiry" travel as words until
// settingsInput turns them into the API's null.

/** `--rpm 600`, `--rpm unlimited`. */
export function parseLimit(value: string): number | "unlimited" {
  if (value === "unlimited" || value === "none") return "unlimited";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a positive integer, or unlimited");
  return n;
}

/** `--expires 30d`, `--expires 2027-01-31`, `--expires 2027-01-31T12:00:00Z`, `--expires never`. */
export function parseExpiry(value: string): string {
  if (value === "never") return "never";
  const days = /^(\d+)d$/.exec(value);
  if (days) return new Date(Date.now() + Number(days[1]) * 86_400_000).toISOString();
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new InvalidArgumentError("a number of days (30d), a date or time (RFC 3339), or never");
  return new Date(t).toISOString();
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The settings `create` and `update` share. */
export function withApiKeySettings(cmd: Command): Command {
  return cmd
    .option("--scope <scope>", "inference:invoke, metrics:read or logs:read (repeat for several)", collect)
    .option("--rpm <n>", "requests per minute, or unlimited", parseLimit)
    .option("--daily-tokens <n>", "tokens per UTC day, or unlimited", parseLimit)
    .option("--expires <when>", "30d, a date or RFC 3339 time, or never", parseExpiry)
    .option("--note <text>", "a note for the people who manage the key");
}

export interface ApiKeySettingOptions {
  scope?: string[];
  rpm?: number | "unlimited";
  dailyTokens?: number | "unlimited";
  expires?: string;
  note?: string;
}

/** Only what was given: an update leaves the rest as it is. */
export function settingsInput(opts: ApiKeySettingOptions) {
  return {
    ...(opts.scope ? { scopes: opts.scope as ApiKey["scopes"] } : {}),
    ...(opts.rpm !== undefined ? { rpm_limit: opts.rpm === "unlimited" ? null : opts.rpm } : {}),
    ...(opts.dailyTokens !== undefined
      ? { daily_token_limit: opts.dailyTokens === "unlimited" ? null : opts.dailyTokens }
      : {}),
    ...(opts.expires !== undefined ? { expires_at: opts.expires === "never" ? null : opts.expires } : {}),
    ...(opts.note !== undefined ? { note: opts.note } : {}),
  };
}
