import { Command } from "commander";
import { connect } from "../../lib/connection.js";
import { fetchRows, hintMore } from "../../lib/listing.js";
import { type PagingOptions, withConnection, withPaging } from "../../lib/options.js";
import { printJson, printTable, say } from "../../lib/output.js";
import { fmtBytes } from "../../lib/progress.js";

export function finetuneResourceClassesCommand(): Command {
  return withPaging(withConnection(new Command("resource-classes")))
    .description("the sizes of machine a job may ask for (--resource-class), with their hourly price")
    .action(async (opts: PagingOptions & { url?: string; json?: boolean }) => {
      const { client } = connect(opts);
      const page = await fetchRows(
        opts,
        (limit, cursor) => client.fineTuning.resourceClasses.list({ limit, cursor }),
        (limit) => client.fineTuning.resourceClasses.iterate({ limit }),
      );
      if (opts.json) return printJson(page);
      if (page.data.length === 0) return say("No resource classes: a platform admin defines them.");
      printTable(
        ["name", "display name", "cpus", "memory", "gpus", "price/hour", "enabled"],
        page.data.map((r) => [
          r.name,
          r.display_name,
          r.cpus,
          fmtBytes(r.memory_bytes),
          r.gpu_count
            ? `${r.gpu_count} × ${r.gpu_model}${r.gpu_memory_bytes ? ` ${fmtBytes(r.gpu_memory_bytes)}` : ""}`
            : "",
          `${r.hourly_price} ${r.currency}`,
          r.enabled ? "yes" : "no",
        ]),
      );
      hintMore(page);
    });
}
