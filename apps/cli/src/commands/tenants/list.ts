import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import { type PagingOptions, withConnection, withPaging } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";

export function tenantsListCommand(): Command {
  return withPaging(withConnection(new Command("list")))
    .description("list the tenants you belong to (all of them for the platform admin)")
    .action(async (opts: PagingOptions & { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const page = await fetchRows(
        opts,
        (limit, cursor) => client.tenants.list({ limit, cursor }),
        (limit) => client.tenants.iterate({ limit }),
      );
      if (opts.json) return printJson(page);
      if (page.data.length === 0) return say("No tenants.");
      printTable(
        ["id", "name", "your role", "created"],
        page.data.map((t) => [t.id, t.name, t.role ?? "", fmtTime(t.created_at)]),
      );
      hintMore(page);
    });
}
