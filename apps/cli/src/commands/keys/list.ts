import { Command, Option } from "commander";
import { API_KEY_HEAD, apiKeyRow } from "../../lib/api-key-output.js";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import {
  type PagingOptions,
  withConnection,
  withPaging,
  withProject,
  withTenant,
} from "../../lib/options.js";
import { printJson, printTable, say } from "../../lib/output.js";
import { projectOf } from "../../lib/scope.js";

interface ListOptions extends PagingOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  status?: "active" | "revoked" | "expired";
  scope?: "inference:invoke" | "metrics:read" | "logs:read";
  expiring?: boolean;
  q?: string;
}

export function keysListCommand(): Command {
  return withProject(withPaging(withTenant(withConnection(new Command("list")))))
    .description("a project's API keys, newest first (never their secrets)")
    .addOption(
      new Option("--status <status>", "only keys in this status").choices(["active", "revoked", "expired"]),
    )
    .addOption(
      new Option("--scope <scope>", "only keys with this scope").choices([
        "inference:invoke",
        "metrics:read",
        "logs:read",
      ]),
    )
    .option("--expiring", "only active keys that expire within 7 days")
    .option("--q <text>", "only keys whose name, note or prefix contains this")
    .action(async (opts: ListOptions) => {
      const { client, stored } = connect(opts);
      const project = await projectOf(client, opts, stored);
      const query = {
        status: opts.status,
        scope: opts.scope,
        expiring: opts.expiring ? ("true" as const) : undefined,
        q: opts.q,
      };
      const page = await fetchRows(
        opts,
        (limit, cursor) => client.apiKeys.list(project.id, { ...query, limit, cursor }),
        (limit) => client.apiKeys.iterate(project.id, { ...query, limit }),
      );
      if (opts.json) return printJson(page);
      if (page.data.length === 0) return say("No API keys: create one with `infera keys create <name>`.");
      printTable(API_KEY_HEAD, page.data.map(apiKeyRow));
      hintMore(page);
    });
}
