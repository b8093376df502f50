import type { AuditScope } from "@infera/client";
import type { AuditEvent } from "@infera/contracts";
import { Command } from "commander";
import { usageError } from "../../lib/cli-error.js";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import { type PagingOptions, withConnection, withPaging, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { resolveProject } from "../../lib/scope.js";
import { resolveAuditChain } from "./chain.js";

interface AuditListOptions extends PagingOptions {
  url?: string;
  json?: boolean;
  csv?: boolean;
  tenant?: string;
  project?: string;
  action?: string;
  actor?: string;
  resourceType?: string;
  from?: string;
  to?: string;
}

export function auditListCommand(): Command {
  return withPaging(withTenant(withConnection(new Command("list"))))
    .description("read the audit log, newest first: who changed what, with before and after")
    .option("--project <project>", "only this project (id or name); Owners read their project's log")
    .option("--action <action>", "exact action, or a prefix ending in '.' or '*' (project.member.*)")
    .option("--actor <email>", "who did it (email or label)")
    .option("--resource-type <type>", "project, project_member, tenant_user, …")
    .option("--from <time>", "since: RFC 3339 time, a date, or an age like 30m, 24h, 7d")
    .option("--to <time>", "until: same forms as --from")
    .option("--csv", "print the whole filter as CSV (the server's export)")
    .addHelpText(
      "after",
      "\nExamples:\n  infera audit list --action 'project.member.*' --from 24h\n  infera audit list --project Dev --all --json",
    )
    .action(async (opts: AuditListOptions) => {
      const { client } = connect(opts);
      const scope: AuditScope = opts.project
        ? { projectId: (await resolveProject(client, opts.project, opts.tenant)).id }
        : { tenantId: (await resolveAuditChain(client, opts.tenant)).id };
      const filter = {
        action: opts.action,
        actor: opts.actor,
        resource_type: opts.resourceType,
        from: toTime(opts.from, "--from"),
        to: toTime(opts.to, "--to"),
      };
      if (opts.csv) {
        process.stdout.write(await client.audit.exportCsv(scope, filter));
        return;
      }
      const page = await fetchRows(
        opts,
        (limit, cursor) => client.audit.list(scope, { ...filter, limit, cursor }),
        (limit) => client.audit.iterate(scope, { ...filter, limit }),
      );
      if (opts.json) return printJson(page);
      if (page.data.length === 0) return say("No audit events match.");
      // Two lines a cell keeps the table narrow enough for a terminal; `audit show <id>` has it all.
      printTable(
        ["time / event id", "actor / action", "resource", "change"],
        page.data.map((e) => [
          `${fmtTime(e.created_at)}\n${e.id}`,
          `${e.actor_label ?? e.actor_id ?? e.actor_type}\n${e.action}`,
          `${e.resource_type}\n${e.resource_id.replaceAll("/", "/\n")}`,
          summarizeChange(e),
        ]),
        [null, null, 34, 44],
      );
      hintMore(page);
    });
}

/** `2026-01-31T00:00:00Z`, `2026-01-31` or an age (`30m`, `24h`, `7d`) as an RFC 3339 time. */
export function toTime(value: string | undefined, flag: string): string | undefined {
  if (!value) return undefined;
  const age = /^(\d+)([smhd])$/.exec(value);
  if (age) {
    const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[age[2] as "s" | "m" | "h" | "d"];
    return new Date(Date.now() - Number(age[1]) * unit).toISOString();
  }
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw usageError(`${flag} must be a time (2026-01-31T09:00:00Z), a date, or an age like 24h`);
  return new Date(t).toISOString();
}

/** Fields every row has; `audit show` and --json still carry them. */
const NOISE = new Set(["id", "tenant_id", "project_id", "created_at", "updated_at"]);

function short(v: unknown): string {
  const s = typeof v === "string" ? (v === "" ? '""' : v) : JSON.stringify(v);
  return s === undefined ? "∅" : s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** What changed, in one line: the fields that differ between before and after. */
export function summarizeChange(e: Pick<AuditEvent, "before" | "after">): string {
  const { before, after } = e;
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  let parts: string[];
  if (isObj(before) && isObj(after)) {
    parts = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => !NOISE.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => `${k}: ${short(before[k])} → ${short(after[k])}`);
  } else if (isObj(after)) {
    parts = Object.entries(after)
      .filter(([k]) => !NOISE.has(k))
      .map(([k, v]) => `+${k}: ${short(v)}`);
  } else if (isObj(before)) {
    parts = Object.entries(before)
      .filter(([k]) => !NOISE.has(k))
      .map(([k, v]) => `-${k}: ${short(v)}`);
  } else parts = [];
  const line = parts.join("; ");
  return line.length > 130 ? `${line.slice(0, 129)}…` : line;
}
