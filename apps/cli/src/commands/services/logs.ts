import type { InferaClient } from "@infera/client";
import { ServiceLogLevel, type ServiceLogLine } from "@infera/contracts";
import { Command, InvalidArgumentError, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { say } from "../../lib/output.js";
import { resolveRevision, resolveService } from "../../lib/service-ref.js";

/** `10m`, `2h`, `3d` ago, or an RFC 3339 time: a --since / --until. */
export function parseInstant(value: string, now = Date.now()): string {
  const m = /^(\d+)(s|m|h|d)$/.exec(value.trim());
  if (m)
    return new Date(now - Number(m[1]) * { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[m[2] as "s"]).toISOString();
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new InvalidArgumentError("a time (2026-12-04T10:00:00Z) or how long ago (10m, 2h, 1d)");
  return new Date(t).toISOString();
}

/** One line as printed: `time level [replica rN] message`. */
export function serviceLogText(l: ServiceLogLine): string {
  const time = l.at.replace("T", " ").replace(/Z$/, "Z");
  return `${time} ${l.level.padEnd(5)} [${l.replica_id} r${l.revision_number}] ${l.message}`;
}

type Filter = Parameters<InferaClient["services"]["logs"]>[1];

/**
 * The newest `tail` lines (or every line from the start), then with `follow` whatever is shipped
 * next, asked for every `intervalMs` after the last seq seen (the nodes ship every few seconds).
 */
async function* serviceLogLines(
  client: Pick<InferaClient, "services">,
  serviceId: string,
  filter: Filter,
  opts: { tail: number | "all"; follow: boolean; intervalMs: number },
): AsyncGenerator<ServiceLogLine> {
  let after = 0;
  if (opts.tail !== "all") {
    const page = await client.services.logs(serviceId, {
      ...filter,
      tail: "true",
      limit: Math.max(1, opts.tail),
    });
    if (opts.tail > 0) yield* page.data;
    after = page.next_after ?? 0;
  } else
    for (;;) {
      const page = await client.services.logs(serviceId, { ...filter, after, limit: 1000 });
      yield* page.data;
      after = page.next_after ?? after;
      if (page.data.length < 1000) break;
    }
  while (opts.follow) {
    await new Promise((r) => setTimeout(r, opts.intervalMs));
    for (;;) {
      const page = await client.services.logs(serviceId, { ...filter, after, limit: 1000 });
      yield* page.data;
      after = page.next_after ?? after;
      if (page.data.length < 1000) break;
    }
  }
}

interface LogsOptions {
  url?: string;
  json?: boolean;
  project?: string;
  tenant?: string;
  follow?: boolean;
  revision?: string;
  replica?: string;
  level?: ServiceLogLevel;
  since?: string;
  until?: string;
  grep?: string;
  tail: number | "all";
}

export function servicesLogsCommand(): Command {
  return withProject(withTenant(withConnection(new Command("logs"))))
    .description(
      "what a service's replicas wrote (every node's, shipped by its worker), `time level [replica rN] message`; --follow keeps printing new lines until Ctrl+C. Viewers of a Prod project may be refused by its env policy viewers_cannot_view_logs (exit 4)",
    )
    .argument("<service>", "service id (svc_…) or name in --project")
    .option("-f, --follow", "keep printing new lines")
    .option("--revision <revision>", "only this revision's replicas (number, r2, or rev_…)")
    .option("--replica <id>", "only this replica's lines")
    .addOption(
      new Option("--level <level>", "only lines at this level or above").choices(ServiceLogLevel.options),
    )
    .option("--since <time>", "lines from this time, or how long ago (10m, 2h, 1d)", (v: string) =>
      parseInstant(v),
    )
    .option("--until <time>", "lines before this time, or how long ago", (v: string) => parseInstant(v))
    .option("--grep <text>", "only lines containing this text (case-insensitive)")
    .option(
      "--tail <n>",
      "start with the newest n lines (default 200), or `all` from the first",
      (v: string) => {
        if (v === "all") return "all";
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 1000) throw new InvalidArgumentError("0–1000, or all");
        return n;
      },
      200,
    )
    .action(async (ref: string, opts: LogsOptions) => {
      const { client, stored } = connect(opts);
      const service = await resolveService(client, ref, opts, stored);
      const filter: Filter = {
        revision: opts.revision ? resolveRevision(service, opts.revision).number : undefined,
        replica: opts.replica,
        level: opts.level,
        since: opts.since,
        until: opts.until,
        q: opts.grep,
      };
      // --json: one line per line (NDJSON).
      for await (const l of serviceLogLines(client, service.id, filter, {
        tail: opts.tail,
        follow: Boolean(opts.follow),
        intervalMs: 1000,
      }))
        if (opts.json) process.stdout.write(`${JSON.stringify(l)}\n`);
        else say(serviceLogText(l));
    });
}
