import { Env } from "@infera/contracts";
import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import { type PagingOptions, withConnection, withPaging, withTenant } from "../../lib/options.js";
import { fmtTime, printJson, printTable, say } from "../../lib/output.js";
import { resolveTenant } from "../../lib/scope.js";

export function projectsListCommand(): Command {
  return withPaging(withTenant(withConnection(new Command("list"))))
    .description("list projects: all of the tenant for Tenant Admins and Finance, your own for Members")
    .addOption(new Option("--env <env>", "only this env").choices(Env.options))
    .option("--q <text>", "name or id contains")
    .option("--sort <field>", "created_at, updated_at or name; prefix - for descending")
    .action(
      async (
        opts: PagingOptions & {
          url?: string;
          json?: boolean;
          tenant?: string;
          env?: Env;
          q?: string;
          sort?: string;
        },
      ) => {
        const { client } = connect(opts);
        const tenant = await resolveTenant(client, opts.tenant);
        const filter = { env: opts.env, q: opts.q, sort: opts.sort };
        const page = await fetchRows(
          opts,
          (limit, cursor) => client.projects.list(tenant.id, { ...filter, limit, cursor }),
          (limit) => client.projects.iterate(tenant.id, { ...filter, limit }),
        );
        if (opts.json) return printJson(page);
        if (page.data.length === 0) return say(`No projects in ${tenant.name} that you can see.`);
        printTable(
          ["id", "name", "env", "owner", "your role", "created"],
          page.data.map((p) => [p.id, p.name, p.env, p.owner_email, p.role, fmtTime(p.created_at)]),
        );
        hintMore(page);
      },
    );
}
