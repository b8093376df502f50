import { Command, Option } from "commander";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import { type PagingOptions, withConnection, withPaging, withTenant } from "../../lib/options.js";
import { printJson, printTable, say } from "../../lib/output.js";
import { resolveTenant } from "../../lib/scope.js";
import { PRICE_HEAD, priceRow } from "../../lib/usage-output.js";

interface ListOptions extends PagingOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  kind?: "model_version" | "resource_class";
}

export function pricesListCommand(): Command {
  return withPaging(withTenant(withConnection(new Command("list"))))
    .description("the tenant's price table, most recently changed first")
    .addOption(new Option("--kind <kind>", "only prices of").choices(["model_version", "resource_class"]))
    .action(async (opts: ListOptions) => {
      const { client } = connect(opts);
      const tenant = await resolveTenant(client, opts.tenant);
      const query = { subject_kind: opts.kind };
      const page = await fetchRows(
        opts,
        (limit, cursor) => client.prices.list(tenant.id, { ...query, limit, cursor }),
        (limit) => client.prices.iterate(tenant.id, { ...query, limit }),
      );
      if (opts.json) return printJson(page);
      if (page.data.length === 0)
        return say("No prices: calls are estimated from resource classes' hourly prices, if any.");
      printTable(PRICE_HEAD, page.data.map(priceRow));
      hintMore(page);
    });
}
