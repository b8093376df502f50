import { type Command, InvalidArgumentError } from "commander";

/** --url and --json: every command that talks to a server takes them. */
export function withConnection(cmd: Command): Command {
  return cmd
    .option(
      "--url <url>",
      "server URL (default: INFERA_URL, else the last login, else http://127.0.0.1:8080)",
    )
    .option("--json", "print JSON for scripts instead of tables");
}

export function withTenant(cmd: Command): Command {
  return cmd.option("--tenant <tenant>", "tenant id or name (default: your first tenant)");
}

/** --project for a command that works in one project; left out, the default of `infera use`. */
export function withProject(cmd: Command, what = "project id or name"): Command {
  return cmd.option("--project <project>", `${what} (default: the one chosen with \`infera use\`)`);
}

/** --limit, --cursor and --all for lists. */
export function withPaging(cmd: Command): Command {
  return cmd
    .option("--limit <n>", "rows per page, 1–200", parseLimit, 50)
    .option("--cursor <cursor>", "start at this page (the next_cursor of the previous one)")
    .option("--all", "every page, not only the first");
}

export interface PagingOptions {
  limit: number;
  cursor?: string;
  all?: boolean;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw new InvalidArgumentError("must be an integer from 1 to 200");
  return n;
}
