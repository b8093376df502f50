import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection } from "../../lib/options.js";
import { printJson, say } from "../../lib/output.js";

export function pricesDeleteCommand(): Command {
  return withConnection(new Command("delete"))
    .description("remove a price (prc_…) from the tenant's price table; tenant admins only")
    .argument("<price>", "the price's id (see `infera prices list`)")
    .action(async (priceId: string, opts: { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      await client.prices.delete(priceId);
      if (opts.json) return printJson({ deleted: priceId });
      say(`Removed ${priceId}.`);
    });
}
